/** Saves bytes as a file through the browser (Electron shows its save dialog for the same anchor). */
export function download(name: string, mime: string, data: Uint8Array): void {
  const url = URL.createObjectURL(new Blob([new Uint8Array(data)], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}
