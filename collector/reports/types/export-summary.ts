export interface ExportSummary {
  site: string;
  events: number;
  sessions: number;
  visitors: number;
  goals: number;
  conversions: number;
}
