#!/usr/bin/env node
'use strict';
// Plain CommonJS so that any Node can parse it and say what it needs instead of crashing.
const major = Number(process.versions.node.split('.')[0]);
const minor = Number(process.versions.node.split('.')[1]);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    `vanphong cần Node.js 22.12 trở lên (đang chạy ${process.version}); chạy qua "npm run"/"npx vanphong" để dùng Node 22 cài kèm dự án.`,
  );
  process.exit(1);
}
const path = require('node:path');
const fs = require('node:fs');
const { pathToFileURL } = require('node:url');
const entry = path.join(__dirname, '..', 'dist', 'cli', 'main.mjs');
if (!fs.existsSync(entry)) {
  console.error('vanphong chưa được dựng: chạy "npm run build" trước.');
  process.exit(1);
}
import(pathToFileURL(entry).href).catch((e) => {
  console.error(e);
  process.exit(1);
});
