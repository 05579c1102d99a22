import type { Touch } from '../types.js';

/** Extensions that are downloads rather than pages. Images are left out: they are mostly lightboxes. */
const FILE = /\.(pdf|docx?|xlsx?|pptx?|od[tsp]|rtf|csv|txt|zip|rar|7z|gz|tgz|dmg|exe|msi|apk|mp3|mp4|mov|epub)$/i;

/** A link to a file by extension, or any link with a `download` attribute. */
export const fileDownload = (url: URL, link: Element): Touch | false => {
  const file = link.getAttribute('download') || decodeURIComponent(url.pathname.split('/').pop()!);
  const ext = FILE.exec(file)?.[1];
  return (!!ext || link.hasAttribute('download')) && ['file_download', { file, ext: ext?.toLowerCase() }];
};
