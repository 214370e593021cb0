import { main } from './main';
import { escapeConsoleOutput } from './output';

escapeConsoleOutput();

void main(process.argv.slice(2)).then((code) => {
  if (code !== 0) process.exitCode = code;
});
