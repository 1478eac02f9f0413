// Compute that holds up outside LLM pre-training (issue 11): the scenarios it named, by value.
import { describe, expect, it } from 'vitest';
import { checkAnswers } from '../../src/core/answers/check.js';
import { decide } from '../../src/core/decide/decide.js';
import type { Result } from '../../src/core/result/result.js';
import { formatNumber } from '../../src/core/text/format.js';
import { builtInRuleSet } from '../helpers.js';
import type { Answers } from '../../src/core/answers/fields.js';

function answersOf(raw: Record<string, unknown>): Answers {
  const c = checkAnswers(raw);
  if (!c.ok) throw new Error(JSON.stringify(c.issues));
  return c.answers;
}

const rs = builtInRuleSet();
const spot = (r: Result, a: string) => r.spectrum.find((s) => s.approach === a)!;
const run = (raw: Record<string, unknown>) => decide(answersOf(raw), rs);
const strongLlm = { task: 'text-generation', existingModel: 'none', mlExpertise: 'strong', proprietaryData: true };

describe('data and model sizes an expert would choose', () => {
  it('an 8B LLM from scratch with no corpus trains on a production budget (Llama 3: 15T tokens), not 20 per parameter', () => {
    const s = spot(run(strongLlm), 'train-from-scratch');
    expect(s.compute!.flops).toBe(Number((6 * 8e9 * 15e12).toPrecision(3)));
    // Llama 3 8B took 1.3M H100-hours: within 2×.
    expect(s.compute!.gpu).toBe('h100-sxm');
    expect(s.compute!.gpuHours.likely / 1.3e6).toBeGreaterThan(0.5);
    expect(s.compute!.gpuHours.likely / 1.3e6).toBeLessThan(2);
  });

  it('with 700B tokens of its own text, continued pre-training reads a share of it and costs less than training from scratch on it', () => {
    // 1.367e9 documents × 512 tokens ≈ 700B tokens of proprietary text.
    const r = run({ ...strongLlm, unlabeledExamples: 1.367e9 });
    const heavy = spot(r, 'heavy-fine-tune');
    const scratch = spot(r, 'train-from-scratch');
    expect(scratch.compute!.flops).toBe(Number((6 * 8e9 * 1.367e9 * 512).toPrecision(3)));
    // At most 20 tokens per parameter of the corpus (160B) plus the instruction examples.
    expect(heavy.compute!.flops).toBeLessThan(6 * 8e9 * 170e9);
    expect(heavy.compute!.gpuHours.likely).toBeLessThan(scratch.compute!.gpuHours.likely / 3);
    expect(heavy.cost!.breakdown.compute).toBeLessThan(scratch.cost!.breakdown.compute);
  });

  it('the same data and model give heavy fine-tuning no more compute than training from scratch, and the method names the model sized', () => {
    const r = run({ ...strongLlm, existingModel: 'close', modelParams: 65e9, trainingTokens: 1.4e12 });
    const heavy = spot(r, 'heavy-fine-tune');
    const scratch = spot(r, 'train-from-scratch');
    expect(heavy.compute!.gpuHours.likely).toBeLessThanOrEqual(scratch.compute!.gpuHours.likely);
    expect(heavy.cost!.breakdown.compute).toBeLessThanOrEqual(scratch.cost!.breakdown.compute);
    // Sized for your 65B model, and the method says so (no fixed "7–8B" left in the text).
    expect(heavy.method).toContain('your model');
    expect(spot(r, 'fine-tune').method).not.toContain('7–8B');
    expect(r.assumptions.find((x) => x.what === 'Starting model')!.value).toBe('your model, 65,000,000,000 parameters');
  });
});

describe('hardware chosen for the job', () => {
  it('20M labelled frames are not put on one L4 for ten days: a node of the large-run card or a node of L4s, about a day', () => {
    const s = spot(run({ task: 'image-classification', existingModel: 'close', labeledExamples: 20e6, mlExpertise: 'strong' }), 'fine-tune');
    expect(s.compute!.gpuCount).toBeGreaterThan(1);
    expect(s.compute!.gpuHours.likely / s.compute!.gpuCount).toBeLessThanOrEqual(24);
  });

  it('500M query-click pairs run on a node in days, not on one L4 for weeks', () => {
    const r = run({ task: 'recommendation', existingModel: 'close', labeledExamples: 500e6, mlExpertise: 'strong' });
    for (const a of ['feature-extraction', 'fine-tune', 'heavy-fine-tune']) {
      const c = spot(r, a).compute!;
      expect(c.gpu, a).not.toBe('l4');
      expect(c.gpuHours.likely / c.gpuCount / 24, a).toBeLessThan(14);
    }
  });

  it('a short timeline adds GPUs to a long run; given GPUs are kept', () => {
    const slow = spot(run(strongLlm), 'train-from-scratch').compute!;
    const fast = spot(run({ ...strongLlm, timelineWeeks: 2 }), 'train-from-scratch').compute!;
    expect(fast.gpuCount).toBeGreaterThan(slow.gpuCount);
    expect(fast.gpuHours.likely / fast.gpuCount).toBeLessThanOrEqual(168);
    expect(spot(run({ ...strongLlm, gpu: 'a100-80gb', gpuCount: 64 }), 'train-from-scratch').compute).toMatchObject({ gpu: 'a100-80gb', gpuCount: 64 });
  });

  it('a run that needs years even on the largest cluster says so in its why', () => {
    const s = spot(run({ ...strongLlm, modelParams: 5e12, trainingTokens: 1e15 }), 'train-from-scratch');
    expect(s.compute!.gpuCount).toBe(16384);
    expect(s.why).toMatch(/Its time runs to years: its training run alone takes about [\d.,]+ years on 16,384 h100-sxm GPUs/);
  });
});

describe('families beyond LLMs', () => {
  it('image generation has FLOPs per training image (0.84 TFLOPs at 512 px), and resolution scales them by the pixels', () => {
    // Pinned to the SD 1.x UNet's size (the spot's starting model may be another size, and FLOPs follow it).
    const base = spot(run({ task: 'image-generation', existingModel: 'close', labeledExamples: 5000, modelParams: 860e6 }), 'fine-tune').compute!;
    // LoRA: 2 forward-equivalents × 0.84 TFLOPs × 5,000 images × 100 epochs.
    expect(base.flops).toBe(Number((2 * 840e9 * 5000 * 100).toPrecision(3)));
    const big = spot(run({ task: 'image-generation', existingModel: 'close', labeledExamples: 5000, modelParams: 860e6, inputResolution: 1024 }), 'fine-tune').compute!;
    expect(big.flops / base.flops).toBeCloseTo(4, 5);
  });

  it('a detector by architecture: DETR at its published FLOPs and MFU, not ResNet-50 scaled by parameters', () => {
    const r = run({ task: 'object-detection', existingModel: 'none', architecture: 'detr-r50', trainingSamples: 118287 * 300, gpu: 'v100', gpuCount: 8 });
    const c = spot(r, 'train-from-scratch').compute!;
    expect(c.flops).toBe(Number((3 * 172e9 * 118287 * 300).toPrecision(3)));
    // Published: 28 minutes an epoch on 8 V100 for 300 epochs = 1,120 GPU-hours.
    expect(c.gpuHours.low).toBeLessThanOrEqual(1120);
    expect(c.gpuHours.high).toBeGreaterThanOrEqual(1120);
    expect(r.assumptions.find((a) => a.what === 'MFU, detr models on volta GPUs')!.value).toBe('0.02–0.05 of peak (likely 0.04)');
  });

  it('GPT-3 on V100 is estimated, not refused: V100 has a dated price', () => {
    const r = run({ ...strongLlm, modelParams: 175e9, trainingTokens: 300e9, gpu: 'v100', gpuCount: 10000 });
    const s = spot(r, 'train-from-scratch');
    expect(s.cost!.breakdown.compute).toBeGreaterThan(0);
    expect(r.assumptions.find((a) => a.what === 'NVIDIA V100 SXM2 on-demand price')!.asOf).toBe('2026-05');
  });
});

describe('no absurd figure', () => {
  it('inputs outside physical sense are invalid, with what is allowed', () => {
    const c = checkAnswers({ task: 'text-generation', existingModel: 'none', modelParams: 1e300, trainingTokens: 1e300, gpuCount: 2e6 });
    expect(c.ok).toBe(false);
    const paths = c.ok ? [] : c.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(paths).toEqual(expect.arrayContaining([
      expect.stringMatching(/^modelParams: .*≤ 10,000,000,000,000/),
      expect.stringMatching(/^trainingTokens: .*≤ 1,000,000,000,000,000/),
      expect.stringMatching(/^gpuCount: .*≤ 1,000,000/),
    ]));
  });

  it('at the bounds every figure is finite, and text says large numbers plainly', () => {
    const r = run({ ...strongLlm, modelParams: 1e13, trainingTokens: 1e15, gpuCount: 1e6, labeledExamples: 1e12, unlabeledExamples: 1e12 });
    const numbers: number[] = [];
    JSON.stringify(r, (_k, v) => (typeof v === 'number' && numbers.push(v), v));
    expect(numbers.every((n) => Number.isFinite(n) && n >= 0)).toBe(true);
    expect(formatNumber(6e28)).toBe('6.00e28');
    expect(formatNumber(1.234e21, 0)).toBe('1.23e21');
  });
});
