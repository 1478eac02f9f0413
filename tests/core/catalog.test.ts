import { describe, expect, it } from 'vitest';
import { TASKS } from '../../src/core/answers/fields.js';
import { APPROACHES } from '../../src/core/answers/fields.js';
import { builtInRuleSet } from '../helpers.js';

describe('built-in catalogs', () => {
  const { catalog } = builtInRuleSet();
  it('name every model the framework article names', () => {
    const names = catalog.models.map((m) => m.name).join(' | ');
    for (const m of ['BERT', 'GPT', 'Llama', 'T5', 'ResNet', 'YOLO', 'CLIP', 'Whisper', 'Wav2Vec', 'AlphaFold', 'BioGPT', 'Stable Diffusion', 'MusicGen']) {
      expect(names).toContain(m);
    }
  });
  it('every model entry says where it is from, its licence and when it was checked', () => {
    for (const m of catalog.models) {
      expect(m.source.length).toBeGreaterThan(1);
      expect(m.licence.length).toBeGreaterThan(1);
      expect(m.checked).toMatch(/^\d{4}-\d{2}/);
    }
  });
  it('list the four model hubs', () => {
    expect(catalog.hubs.map((h) => h.name.split(' ')[0])).toEqual(expect.arrayContaining(['Hugging', 'TensorFlow', 'PyTorch', 'AWS']));
  });
  it('have a starting model for every task, and one that can be self-hosted', () => {
    for (const t of TASKS) {
      if (t === 'other') continue;
      const ms = catalog.models.filter((m) => m.tasks.includes(t));
      expect(ms.length, t).toBeGreaterThan(0);
      expect(ms.some((m) => m.selfHostable), t).toBe(true);
    }
  });
  it('describe every spot for every family of tasks', () => {
    for (const fam of new Set(Object.values(catalog.tasks))) {
      for (const a of APPROACHES) expect(catalog.families[fam]?.[a], `${fam}/${a}`).toBeTruthy();
    }
  });
});

describe('task methods', () => {
  it('word a task in its own terms over its family, and a layer replaces them key by key', async () => {
    const { emptyCatalog, mergeCatalog } = await import('../../src/core/catalog/catalog.js');
    const { catalog: built } = builtInRuleSet();
    expect(built.taskMethods['question-answering']?.['feature-extraction']).toMatch(/retrieve passages/);
    expect(built.taskMethods['code-generation']?.['fine-tune']).toContain('{model}');
    const c = emptyCatalog();
    mergeCatalog(c, { taskMethods: { translation: { 'use-as-is': 'a', 'fine-tune': 'b' } } });
    mergeCatalog(c, { taskMethods: { translation: { 'fine-tune': 'c' } } });
    expect(c.taskMethods.translation).toEqual({ 'use-as-is': 'a', 'fine-tune': 'c' });
  });
});
