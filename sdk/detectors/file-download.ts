import type { Touch } from '../types.js';

/** Extensions that are downloads rather than pages. Images are left out: they are mostly lightboxes. */
const FILE = /\.(pdf|docx?|xlsx?|pptx?|od[tsp]|rtf|csv|txt|zip|rar|7z|t?gz|dmg|exe|msi|apk|mp[34]|mov|epub)$/;

/** A link to a file by extension, or any link with a `download` attribute. */
export const fileDownload = (link: HTMLAnchorElement): Touch | false => {
  const named = link.getAttribute('download');
  const file = named || decodeURIComponent(link.pathname.split('/').pop()!);
  const ext = FILE.exec(file.toLowerCase())?.[1];
  return (!!ext || named != null) && ['file_download', { file, ext }];
};
