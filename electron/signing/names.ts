/** The CN of a distinguished name as node's X509Certificate prints it ("C=VN\nCN=Nguyễn Văn An"), else the whole name. */
export function commonNameOf(dn: string): string {
  return /(?:^|\n)CN=([^\n]+)/.exec(dn)?.[1] ?? dn.replace(/\n/g, ', ');
}
