import { describe, expect, it } from 'vitest';
import { findOnPath } from '../../src/core/platform.js';
import { fakePlatform } from '../helpers/platform.js';

describe('findOnPath', () => {
  it('looks in a folder PATH names twice only once, and still finds what is in it, in PATH order', () => {
    const platform = fakePlatform('linux', {
      env: { PATH: '/usr/bin:/opt/x/bin:/usr/bin::/opt/x/bin/:/usr/local/bin' },
      existing: ['/usr/local/bin/qwen', '/opt/x/bin/codex'],
    });
    const looked: string[] = [];
    const counting = { ...platform, isFile: (file: string) => (looked.push(file), platform.isFile(file)) };
    expect(findOnPath(counting, 'qwen')).toBe('/usr/local/bin/qwen');
    expect(looked).toEqual(['/usr/bin/qwen', '/opt/x/bin/qwen', '/usr/local/bin/qwen']);
    looked.length = 0;
    expect(findOnPath(counting, 'codex')).toBe('/opt/x/bin/codex');
    expect(looked).toEqual(['/usr/bin/codex', '/opt/x/bin/codex']);
    looked.length = 0;
    expect(findOnPath(counting, 'missing')).toBeUndefined();
    expect(looked).toEqual(['/usr/bin/missing', '/opt/x/bin/missing', '/usr/local/bin/missing']);
  });

  it('on Windows the same folder in another case is the same folder; PATHEXT is tried in order', () => {
    const platform = fakePlatform('win32', {
      env: { PATH: 'C:\\Tools;c:\\tools;C:\\Bin', PATHEXT: '.EXE;.CMD' },
      existing: ['C:\\Bin\\qwen.CMD'],
    });
    const looked: string[] = [];
    const counting = { ...platform, isFile: (file: string) => (looked.push(file), platform.isFile(file)) };
    expect(findOnPath(counting, 'qwen')).toBe('C:\\Bin\\qwen.CMD');
    expect(looked).toEqual(['C:\\Tools\\qwen.EXE', 'C:\\Tools\\qwen.CMD', 'C:\\Bin\\qwen.EXE', 'C:\\Bin\\qwen.CMD']);
  });
});
