/**
 * The wizard's multiple-choice list: clack's multiselect, drawn with a pointer (`›`) on the
 * focused row. clack marks that row only with colour (cyan box, undimmed label), which NO_COLOR
 * takes away: with two rows selected, moving between them changed nothing on screen. Everything
 * else is clack's own look: its symbols, its frame, its scrolling of long lists, its footer.
 */
import { MultiSelectPrompt } from '@clack/core';
import {
  formatInstructionFooter,
  limitOptions,
  S_BAR,
  S_BAR_END,
  S_CHECKBOX_ACTIVE,
  S_CHECKBOX_INACTIVE,
  S_CHECKBOX_SELECTED,
  symbol,
  symbolBar,
  unicodeOr,
} from '@clack/prompts';
import type { Writable } from 'node:stream';
import { styleText } from 'node:util';

export interface PickOption<T extends string> {
  value: T;
  label: string;
  /** Shown on the focused and the selected rows, in brackets (what was detected). */
  hint?: string;
  /** Shown on every row, after the label (what is already done). */
  note?: string;
}

const POINTER = unicodeOr('›', '>');
const INSTRUCTIONS = [`${styleText('dim', '↑/↓')} to navigate`, `${styleText('dim', 'Space:')} select`, `${styleText('dim', 'Enter:')} confirm`];

function row<T extends string>(option: PickOption<T>, focused: boolean, selected: boolean): string {
  const pointer = focused ? styleText('cyan', POINTER) : ' ';
  const box = selected ? styleText('green', S_CHECKBOX_SELECTED) : focused ? styleText('cyan', S_CHECKBOX_ACTIVE) : styleText('dim', S_CHECKBOX_INACTIVE);
  const label = focused ? option.label : styleText('dim', option.label);
  const note = option.note ? ` ${styleText('dim', `— ${option.note}`)}` : '';
  const hint = option.hint && (focused || selected) ? ` ${styleText('dim', `(${option.hint})`)}` : '';
  return `${pointer} ${box} ${label}${note}${hint}`;
}

/** Resolves to the values chosen, or clack's cancel symbol (Ctrl-C, Escape). */
export function pickList<T extends string>(options: {
  message: string;
  options: PickOption<T>[];
  initialValues: T[];
  output?: Writable;
  /** Said when Enter is pressed with nothing selected. */
  required?: string;
}): Promise<T[] | symbol> {
  const output = options.output;
  const prompt = new MultiSelectPrompt<PickOption<T>>({
    options: options.options,
    initialValues: options.initialValues,
    required: options.required !== undefined,
    output,
    validate(value) {
      if (options.required !== undefined && (value === undefined || value.length === 0)) return options.required;
      return undefined;
    },
    render() {
      const state = this.state;
      const title = `${styleText('gray', S_BAR)}\n${symbol(state)}  ${options.message}\n`;
      const chosen = (this.value ?? []) as T[];
      if (state === 'submit' || state === 'cancel') {
        const labels = this.options.filter((option) => chosen.includes(option.value)).map((option) => option.label);
        const text = labels.join(', ') || 'none';
        const styled = state === 'submit' ? styleText('dim', text) : styleText(['strikethrough', 'dim'], text);
        return `${title}${styleText('gray', S_BAR)}  ${styled}${state === 'cancel' ? `\n${styleText('gray', S_BAR)}` : ''}`;
      }
      const bar = `${symbolBar(state) ?? S_BAR}  `;
      const footer =
        state === 'error' ? [`${styleText('yellow', S_BAR_END)}  ${styleText('yellow', this.error)}`] : formatInstructionFooter(output, INSTRUCTIONS, true);
      const rows = limitOptions({
        output,
        options: this.options as PickOption<T>[],
        cursor: this.cursor,
        columnPadding: 3,
        rowPadding: title.split('\n').length + footer.length + 1,
        style: (option, focused) => row(option, focused, chosen.includes(option.value)),
      });
      return `${title}${bar}${rows.join(`\n${bar}`)}\n${footer.join('\n')}\n`;
    },
  });
  return prompt.prompt() as Promise<T[] | symbol>;
}
