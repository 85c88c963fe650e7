import type { Output } from './output.js';

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const FRAME_MS = 80;
/** Back to the start of the line, and the line erased. */
const CLEAR_LINE = '\r\u001b[2K';

/**
 * The one spinner (doctor's checks, the sign-in): a line on stderr redrawn every 80 ms, written
 * through Output, so it is masked like every other output. It is shown only where someone watches
 * (`out.showsProgress`: stderr a terminal, not --json); elsewhere every call does nothing.
 */
export interface Spinner {
  /** Whether it is drawn at all (`out.showsProgress`). */
  readonly shown: boolean;
  /** Sets the text; the first call starts the spinner. */
  update(text: string): void;
  /** Prints above the spinner: clears its line, runs `print`, draws it again. */
  above(print: () => void): void;
  /** Stops and clears its line; update() starts it again. */
  stop(): void;
}

export function createSpinner(out: Output): Spinner {
  const shown = out.showsProgress;
  let text: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let frame = 0;
  const draw = (): void => {
    if (text !== undefined) out.progress(`${CLEAR_LINE}${out.colors.cyan(FRAMES[frame++ % FRAMES.length]!)} ${text}`);
  };
  const clear = (): void => {
    if (text !== undefined) out.progress(CLEAR_LINE);
  };
  return {
    shown,
    update(next) {
      if (!shown) return;
      text = next;
      // Never what keeps the process alive.
      timer ??= setInterval(draw, FRAME_MS).unref();
      draw();
    },
    above(print) {
      if (shown) clear();
      print();
      if (shown) draw();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (shown) clear();
      text = undefined;
    },
  };
}
