import { AppError } from '../../shared/api/result';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Tesseract from 'tesseract.js';
import { rotateQuarter, toPgm, type Gray } from './preprocess';

/**
 * The recognition engine: tesseract.js 7 (Tesseract 5 LSTM in WebAssembly) with the Vietnamese model from the npm
 * package @tesseract.js-data/vie. It runs only inside the parse worker (page-task.ts), which starts tesseract.js's own
 * worker thread beside it: a page over its time or memory budget terminates the parse worker and the engine with it.
 *
 * Nothing is ever downloaded: the model is read from the installed package's directory (`langPath`, a local path, so
 * tesseract.js reads the file instead of fetching from its CDN), the wasm core is the installed tesseract.js-core (in
 * Node tesseract.js requires it; `corePath` is for browsers), the worker script is the installed one, and
 * `cacheMethod: 'none'` keeps it from writing a copy of the model into the working directory. The files are resolved
 * from node_modules at run time (from dist/ as from the sources; electron-builder.yml unpacks them from the asar).
 */
const require = createRequire(import.meta.url);

/** The LSTM model, integer-quantised "best" (1.4 MB gz): as accurate as "best", faster. */
const MODEL_DIR = '@tesseract.js-data/vie/4.0.0_best_int';

export function enginePaths(): { langPath: string; workerPath: string } {
  return {
    langPath: path.dirname(require.resolve(`${MODEL_DIR}/vie.traineddata.gz`)),
    workerPath: require.resolve('tesseract.js/src/worker-script/node/index.js'),
  };
}

let engine: Promise<Tesseract.Worker> | null = null;
/** The engine's last failure (tesseract.js reports some through a callback, not through the job's promise). */
let lastError: string | null = null;

async function start(): Promise<Tesseract.Worker> {
  const { createWorker, OEM } = (await import('tesseract.js')).default;
  const { langPath, workerPath } = enginePaths();
  const w = await createWorker('vie', OEM.LSTM_ONLY, {
    langPath,
    workerPath,
    cacheMethod: 'none',
    gzip: true,
    // Without a handler tesseract.js throws a job's failure from its message listener: an uncaught exception.
    errorHandler: (e: unknown) => {
      lastError = String(e);
    },
  });
  await w.setParameters({
    // Keep the spaces between words as they are on the page (tables, the signature block beside Nơi nhận).
    preserve_interword_spaces: '1',
  });
  return w;
}

export function theEngine(): Promise<Tesseract.Worker> {
  engine ??= start().catch((e: unknown) => {
    engine = null;
    // A broken install, not a broken file: INTERNAL, so that the file is tried again once the engine starts.
    console.error('[vanphong] OCR engine did not start:', e instanceof Error ? e.message : String(e));
    throw new AppError('INTERNAL', 'Bộ nhận dạng chữ (OCR) không khởi động được: cài lại ứng dụng hoặc báo quản trị.');
  });
  return engine;
}

export interface Recognised {
  text: string;
  /** Mean word confidence, 0–100. */
  confidence: number;
}

/** Recognises one upright page image; `dpi` is its resolution (the engine sizes its expectations of strokes by it). */
export async function recognise(g: Gray, dpi: number): Promise<Recognised> {
  const w = await theEngine();
  lastError = null;
  await w.setParameters({ user_defined_dpi: String(Math.round(Math.min(600, Math.max(70, dpi)))) });
  try {
    const r = await w.recognize(Buffer.from(toPgm(g)), {}, { text: true });
    return { text: r.data.text.normalize('NFC'), confidence: Math.round(r.data.confidence) };
  } catch (e) {
    throw new Error(`OCR engine: ${lastError ?? String(e)}`);
  }
}

/** Below this mean confidence a page is also tried the other way up (the up/down guess may be wrong). */
export const RECHECK_BELOW = 70;

/**
 * Recognises a page that orientation detection turned upright; when the result is poor, the page turned half a turn
 * is recognised too and the better of the two kept (`flipped`: the page was read half a turn round).
 */
export async function recogniseChecked(g: Gray, dpi: number, certain: boolean): Promise<Recognised & { flipped: boolean }> {
  const first = await recognise(g, dpi);
  if (certain && first.confidence >= RECHECK_BELOW) return { ...first, flipped: false };
  if (first.confidence >= 85) return { ...first, flipped: false };
  const second = await recognise(rotateQuarter(g, 2), dpi);
  return second.confidence > first.confidence + 5 ? { ...second, flipped: true } : { ...first, flipped: false };
}

/** Ends the engine (the parse worker's own end ends it too). */
export async function stopEngine(): Promise<void> {
  const e = engine;
  engine = null;
  if (e) await (await e.catch(() => null))?.terminate();
}
