// The questionnaire's examples fit the task chosen.
import { describe, expect, it } from 'vitest';
import { FIELD_BY_NAME, TASKS } from '../../src/core/answers/fields.js';
import { helpFor, taskKind } from '../../src/core/answers/examples.js';

const help = (field: string, answers: Record<string, unknown>) => helpFor(FIELD_BY_NAME.get(field)!, answers);

describe('helpFor', () => {
  it.each([
    ['image-classification', /photos of parts/],
    ['object-detection', /boxes drawn/],
    ['speech-recognition', /clips \(about 50 hours\)/],
    ['chat-assistant', /support chats/],
    ['tabular-classification', /loan applications/],
    ['text-classification', /tickets each tagged/],
  ])('labelled examples for %s', (task, pattern) => {
    expect(help('labeledExamples', { task })).toMatch(pattern);
  });

  it('scores, shifts and latencies speak of the task too', () => {
    expect(help('offTheShelfResult', { task: 'speech-recognition' })).toMatch(/word error rate/);
    expect(help('domainShift', { task: 'image-segmentation' })).toMatch(/X-rays/);
    expect(help('latencyMs', { task: 'chat-assistant' })).toMatch(/chat reply/);
  });

  it('a task "other" goes by its modality, and anomalies by the data they are in', () => {
    expect(taskKind({ task: 'other', modality: 'audio' })).toBe('speech');
    expect(taskKind({ task: 'anomaly-detection', modality: 'image' })).toBe('vision');
    expect(taskKind({ task: 'anomaly-detection' })).toBe('anomaly');
  });

  it('falls back to the help of the field table, and every task has a kind', () => {
    expect(help('labeledExamples', {})).toBe(FIELD_BY_NAME.get('labeledExamples')!.help);
    for (const task of TASKS.filter((t) => t !== 'other')) expect(taskKind({ task }), task).toBeDefined();
  });
});
