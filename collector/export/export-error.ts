/** A request the export cannot serve (unknown site, bad range): the CLI prints it, the route answers 4xx with the field. */
export class ExportError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly status: 400 | 404 = 400,
  ) {
    super(message);
  }
}
