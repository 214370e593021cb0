// Every script entry point says in one line what it needs when started under an older Node.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Văn phòng điện tử cần Node.js 22.12+ (đang chạy ${process.version}). Chạy qua "npm run …" để dùng Node 22 cài kèm (devDependency "node").`);
  process.exit(1);
}
