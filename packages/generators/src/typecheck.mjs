// One `tsc --strict` run over everything a generator wrote (its tsconfig.json), and its errors.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const ERROR_LINE = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/;

/** Reads tsc's plain output: one error per line, its continuation lines indented below it. */
export function parseDiagnostics(output, folder) {
  const diagnostics = [];
  for (const line of output.split('\n')) {
    const match = ERROR_LINE.exec(line);
    if (match) {
      const [, file, lineNumber, , code, message] = match;
      diagnostics.push({ file: relative(folder, join(folder, file)), line: Number(lineNumber), code, message });
    } else if (line.trim() && diagnostics.length) diagnostics.at(-1).message += `\n${line.trim()}`;
  }
  return diagnostics;
}

/** Type-checks a generator's folder; resolves to its errors, each with its file relative to the folder. */
export function typecheck(folder) {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [TSC, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd: folder, maxBuffer: 64 << 20 }, (error, stdout) => {
      if (error && !stdout) reject(error);
      else resolve(parseDiagnostics(stdout, folder));
    });
  });
}
