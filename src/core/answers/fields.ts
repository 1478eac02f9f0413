import { formatNumber } from '../text/format.js';

// One definition per answer field (contract §4). The answers schema, `--set`, the questionnaire,
// `schema answers`, the `--no-input` error listing and the README tables are all derived from
// this table, so the interactive path and the CI path cannot drift apart.
export const APPROACHES = [
  'use-as-is',
  'feature-extraction',
  'fine-tune',
  'heavy-fine-tune',
  'train-from-scratch',
] as const;
export type Approach = (typeof APPROACHES)[number];

export const TASKS = [
  'text-classification', 'sentiment-analysis', 'named-entity-recognition', 'question-answering',
  'summarization', 'translation', 'text-generation', 'chat-assistant', 'code-generation', 'semantic-search',
  'image-classification', 'object-detection', 'image-segmentation', 'image-generation',
  'speech-recognition', 'speech-synthesis', 'music-generation', 'recommendation',
  'tabular-classification', 'tabular-regression', 'time-series-forecasting', 'anomaly-detection',
  'protein-structure', 'other',
] as const;
export type Task = (typeof TASKS)[number];

export const MODALITIES = [
  'text', 'image', 'audio', 'video', 'tabular', 'time-series', 'graph', 'multimodal', 'scientific',
] as const;
export type Modality = (typeof MODALITIES)[number];

/** The modality a task implies when the answers do not say (contract: "default from task"). */
export const TASK_MODALITY: Record<Exclude<Task, 'other'>, Modality> = {
  'text-classification': 'text',
  'sentiment-analysis': 'text',
  'named-entity-recognition': 'text',
  'question-answering': 'text',
  summarization: 'text',
  translation: 'text',
  'text-generation': 'text',
  'chat-assistant': 'text',
  'code-generation': 'text',
  'semantic-search': 'text',
  'image-classification': 'image',
  'object-detection': 'image',
  'image-segmentation': 'image',
  'image-generation': 'image',
  'speech-recognition': 'audio',
  'speech-synthesis': 'audio',
  'music-generation': 'audio',
  recommendation: 'tabular',
  'tabular-classification': 'tabular',
  'tabular-regression': 'tabular',
  'time-series-forecasting': 'time-series',
  'anomaly-detection': 'tabular',
  'protein-structure': 'scientific',
};

export type Section = 'solved' | 'close' | 'unique' | 'constraints' | 'refine';

export const SECTIONS: { id: Section; title: string; question: string }[] = [
  { id: 'solved', title: 'Question 1', question: 'Has someone already solved this?' },
  { id: 'close', title: 'Question 2', question: 'Is my problem close to something that has been solved?' },
  { id: 'unique', title: 'Question 3', question: 'Is my problem truly unique?' },
  { id: 'constraints', title: 'Constraints and risks', question: 'What limits the choice?' },
  { id: 'refine', title: 'Sharper estimates', question: 'What do you already know about the model, data and hardware?' },
];

export type FieldKind = 'enum' | 'integer' | 'number' | 'boolean' | 'string';

export interface Choice<V extends string = string> {
  value: V;
  description: string;
}

export interface FieldDef {
  name: string;
  section: Section;
  kind: FieldKind;
  required: boolean;
  /** Documented default; `undefined` means the field stays absent when not given. */
  default?: string | number | boolean;
  /** Filled in from another answer when not given (the modality from the task). */
  defaultFrom?: 'task';
  /** Short question for the questionnaire. */
  question: string;
  /** One line that explains the term, with an example. */
  help: string;
  choices?: readonly Choice[];
  /**
   * How what-would-change moves the field: a number across the thresholds the rules and the limits
   * test, an enum or boolean through its other values. Fields without it are not probed.
   */
  probe?: 'thresholds' | 'values';
  /** The field's value in a sentence: "a budget of 40,000 USD", "strong ML expertise". */
  words?: (v: string | number | boolean) => string;
  /** "under …" for a number below a threshold, when "fewer than …" reads wrongly. */
  below?: (v: number) => string;
  /** Just under a threshold, for a non-integer number (integers step by 1). */
  step?: number;
  /**
   * Numeric bounds, inclusive unless `exclusiveMin`. Every number has a `max` of physical sense
   * (README, "Limits"): past it a figure is a typo or an attack, and multiplied through the
   * estimates it would overflow to Infinity.
   */
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
}

const n = (v: string | number | boolean) => formatNumber(v as number);
const c = <V extends string>(value: V, description: string): Choice<V> => ({ value, description });

// The table, with its literal types kept: `Answers` is derived from it.
const FIELD_TABLE = [
  {
    name: 'task', section: 'solved', kind: 'enum', required: true,
    question: 'What should the model do?',
    help: 'The job in plain terms, e.g. routing support tickets is text-classification; finding parts on a conveyor is object-detection.',
    choices: TASKS.map((t) => c(t, t === 'other' ? 'none of these (then say the modality)' : t.replace(/-/g, ' '))),
  },
  {
    name: 'modality', section: 'solved', kind: 'enum', required: false, defaultFrom: 'task',
    question: 'What kind of data goes in?',
    help: 'Inferred from the task when not given; required when the task is "other". Sonar or sensor traces are time-series; molecules are scientific.',
    choices: MODALITIES.map((m) => c(m, m)),
  },
  {
    name: 'existingModel', section: 'solved', kind: 'enum', required: true,
    probe: 'values', words: (v) => ({ exact: 'a public model for your exact task', close: 'a public model for a related task', none: 'no public model close to the task', unknown: 'no search for models yet' })[v as string] ?? String(v),
    question: 'Does a public pre-trained model already do this?',
    help: 'Look on Hugging Face, TensorFlow Hub, PyTorch Hub or SageMaker JumpStart. "close" means a related task or domain, e.g. a general sentiment model for product reviews.',
    choices: [
      c('exact', 'yes, one does my exact task'),
      c('close', 'one does a related task or domain'),
      c('none', 'nothing comes close'),
      c('unknown', 'I have not searched yet'),
    ],
  },
  {
    name: 'offTheShelfResult', section: 'solved', kind: 'enum', required: false, default: 'not-evaluated',
    probe: 'values', words: (v) => ({ 'meets-target': 'an off-the-shelf model that meets your target on your own test set', 'below-target': 'an off-the-shelf model that falls short on your test set', 'not-evaluated': 'no evaluation on your own data' })[v as string] ?? String(v),
    question: 'How did the best pre-trained model score on your own test set?',
    help: 'Score it on a few hundred of your own labelled examples, e.g. 92% accuracy where you need 90% → meets-target; a hub leaderboard is not your data.',
    choices: [
      c('meets-target', 'good enough for production'),
      c('below-target', 'tried it, not good enough'),
      c('not-evaluated', 'not tried on my data yet'),
    ],
  },
  {
    name: 'domainShift', section: 'close', kind: 'enum', required: false, default: 'moderate',
    probe: 'values', words: (v) => `${v === 'none' ? 'no' : v} domain shift`,
    question: 'How far is your data from what public models learned from?',
    help: 'Domain shift: general English reviews → small; legal contracts → moderate; sonar signals or rare scan types → large.',
    choices: [
      c('none', 'the same kind of data'),
      c('small', 'a little different'),
      c('moderate', 'a specialised domain'),
      c('large', 'unlike anything public'),
    ],
  },
  {
    name: 'labeledExamples', section: 'close', kind: 'integer', required: false, default: 0, min: 0, max: 1e12,
    probe: 'thresholds', words: (v) => `${n(v)} labelled examples`,
    question: 'How many labelled examples do you have?',
    help: 'Examples with the right answer attached, e.g. 1,000 tickets each tagged with its category. Accepts 1,000, 10k, 2.5M.',
  },
  {
    name: 'unlabeledExamples', section: 'close', kind: 'integer', required: false, default: 0, min: 0, max: 1e15,
    probe: 'thresholds', words: (v) => `${n(v)} unlabelled examples`,
    question: 'How many unlabelled examples do you have?',
    help: 'Raw data without answers, e.g. a year of call recordings; useful for domain-adaptive pre-training.',
  },
  {
    name: 'labelSource', section: 'close', kind: 'enum', required: false, default: 'in-house',
    question: 'Who would label more examples?',
    help: 'Crowd workers are cheap but need simple tasks; experts (radiologists, lawyers) cost minutes of expensive time per item.',
    choices: [
      c('crowd', 'crowd workers or a labelling vendor'),
      c('in-house', 'our own staff'),
      c('expert', 'domain experts'),
    ],
  },
  {
    name: 'proprietaryData', section: 'unique', kind: 'boolean', required: false, default: false,
    probe: 'values', words: (v) => (v ? 'proprietary data' : 'data like public data'),
    question: 'Is your data of a kind no public model has seen?',
    help: 'e.g. fraud patterns unique to your bank, images from your own assembly line, your own sensor format.',
  },
  {
    name: 'budgetUsd', section: 'unique', kind: 'number', required: false, min: 0, max: 1e12,
    probe: 'thresholds', words: (v) => `a budget of ${n(v)} USD`, below: (v) => `a budget under ${n(v)} USD`, step: 1,
    question: 'What is the whole budget in USD (compute, labels and people)?',
    help: 'Everything this feature may cost until it is in production, e.g. 40k. Leave empty if there is no fixed budget.',
  },
  {
    name: 'timelineWeeks', section: 'unique', kind: 'number', required: false, min: 0, exclusiveMin: true, max: 520,
    probe: 'thresholds', words: (v) => `${n(v)} weeks`, below: (v) => `a timeline under ${n(v)} weeks`, step: 0.1,
    question: 'In how many weeks must it be in production?',
    help: 'Calendar weeks from today, e.g. 12 for three months. Leave empty if there is no deadline.',
  },
  {
    name: 'mlExpertise', section: 'unique', kind: 'enum', required: false, default: 'some',
    probe: 'values', words: (v) => ({ none: 'no ML expertise', some: 'some ML expertise', strong: 'strong ML expertise' })[v as string] ?? String(v),
    question: 'Can the team design, train and debug models?',
    help: '"strong" means people who have trained and shipped models before; "some" means comfortable fine-tuning with a tutorial.',
    choices: [
      c('none', 'no ML engineers'),
      c('some', 'can follow a fine-tuning recipe'),
      c('strong', 'has trained and shipped models'),
    ],
  },
  {
    name: 'sensitiveDomain', section: 'constraints', kind: 'enum', required: false, default: 'none',
    question: 'Will decisions affect people in a sensitive domain?',
    help: 'Hiring, lending, healthcare and similar areas need a bias and fairness audit before launch.',
    choices: (['none', 'hiring', 'lending', 'healthcare', 'insurance', 'criminal-justice', 'education', 'other'] as const).map((v) => c(v, v.replace(/-/g, ' '))),
  },
  {
    name: 'privacy', section: 'constraints', kind: 'enum', required: false, default: 'cloud-ok',
    probe: 'values', words: (v) => (v === 'self-hosted-only' ? 'data that must stay on your own machines' : 'data allowed in the cloud'),
    question: 'May the data leave your infrastructure?',
    help: '"self-hosted-only" rules out hosted APIs: only models whose weights you can run yourself.',
    choices: [c('cloud-ok', 'yes, a cloud API is fine'), c('self-hosted-only', 'no, it must stay on our machines')],
  },
  {
    name: 'deployment', section: 'constraints', kind: 'enum', required: false, default: 'cloud',
    probe: 'values', words: (v) => `deployment on ${v}`,
    question: 'Where will the model run?',
    help: 'Edge devices, phones and browsers need small models (tens of MB, not tens of GB).',
    choices: (['cloud', 'on-prem', 'edge', 'mobile', 'browser'] as const).map((v) => c(v, v)),
  },
  {
    name: 'latencyMs', section: 'constraints', kind: 'number', required: false, min: 0, exclusiveMin: true, max: 86_400_000,
    question: 'What p95 latency must a prediction meet, in milliseconds?',
    help: 'e.g. 100 for an interactive feature; leave empty for batch jobs.',
  },
  {
    name: 'accuracyTarget', section: 'constraints', kind: 'enum', required: false, default: 'production',
    probe: 'values', words: (v) => `a ${v} accuracy target`,
    question: 'How good must it be?',
    help: 'A prototype proves the idea; production must hold up for real users; best-in-class must beat competitors.',
    choices: [c('prototype', 'a working demo'), c('production', 'reliable for real users'), c('best-in-class', 'better than anyone else')],
  },
  {
    name: 'baselineTried', section: 'constraints', kind: 'boolean', required: false, default: false,
    question: 'Have you tried a simple baseline (rules, logistic regression, a decision tree)?',
    help: 'A keyword rule or a linear model is sometimes 90% as good at 1% of the effort, and always a yardstick.',
  },
  {
    name: 'dataQuality', section: 'constraints', kind: 'enum', required: false, default: 'unknown',
    question: 'How clean are your labels and data?',
    help: 'Noisy means known label errors, duplicates or gaps; unknown means nobody has checked a sample yet.',
    choices: [c('clean', 'checked and clean'), c('noisy', 'known problems'), c('unknown', 'not checked')],
  },
  {
    // Bounds of physical sense: a 10-trillion-parameter model, a quadrillion tokens and a million
    // GPUs are each well beyond any published run; past them the figures stop meaning anything.
    name: 'modelParams', section: 'refine', kind: 'number', required: false, min: 0, exclusiveMin: true, max: 1e13,
    question: 'How many parameters does the model to adapt or train have?',
    help: 'e.g. 110M for BERT-base, 8B for Llama 3 8B, 25.6M for ResNet-50. Accepts 110M, 8B.',
  },
  {
    name: 'trainingTokens', section: 'refine', kind: 'number', required: false, min: 0, exclusiveMin: true, max: 1e15,
    question: 'How many tokens will training see, all epochs together?',
    help: 'For text models: examples × tokens per example × epochs, e.g. 50k examples × 300 tokens × 3 = 45M.',
  },
  {
    name: 'trainingSamples', section: 'refine', kind: 'number', required: false, min: 0, exclusiveMin: true, max: 1e13,
    question: 'How many samples will training see, all epochs together?',
    help: 'Examples × epochs, e.g. 5,000 images × 10 epochs = 50k; for text models each example counts as the family\'s tokens per example (trainingTokens is sharper).',
  },
  {
    name: 'architecture', section: 'refine', kind: 'string', required: false,
    question: 'Which architecture will you train, if it is in the catalog?',
    help: 'An id from estimates.architectures, e.g. resnet-50, yolov5s, yolov5s-seg, faster-rcnn-r50-fpn, detr-r50, sd-unet, wav2vec2-base: its parameters, FLOPs per sample and utilisation.',
  },
  {
    name: 'forwardGflops', section: 'refine', kind: 'number', required: false, min: 0, exclusiveMin: true, max: 1e7,
    question: 'How many GFLOPs does one forward pass of one sample take?',
    help: 'Real FLOPs (2 × multiply-adds): ResNet-50 at 224 px is 8.2; model zoos that print GMACs as "GFLOPs" need doubling.',
  },
  {
    name: 'inputResolution', section: 'refine', kind: 'integer', required: false, min: 16, max: 16384,
    question: 'At what resolution will images be trained, in pixels per side?',
    help: 'The training image size, e.g. 224 for ImageNet classifiers, 640 for YOLO, 512 for Stable Diffusion; FLOPs grow with the pixels.',
  },
  {
    name: 'gpu', section: 'refine', kind: 'string', required: false,
    question: 'Which GPU will you use?',
    help: 'An id from the hardware catalog, e.g. t4, l4, a10g, v100, a100-40gb, a100-80gb, h100-sxm, h200, rtx-4090.',
  },
  {
    name: 'gpuCount', section: 'refine', kind: 'integer', required: false, min: 1, max: 1e6,
    question: 'How many GPUs together?',
    help: 'GPUs used at once, e.g. 8 for one full node; more GPUs shorten the wall-clock time, not the GPU-hours.',
  },
  {
    name: 'gpuHourlyUsd', section: 'refine', kind: 'number', required: false, min: 0, exclusiveMin: true, max: 1000,
    question: 'What does one GPU-hour cost you, in USD?',
    help: 'Your negotiated or reserved price; on-demand H100s ranged from about 2.7 to 12.3 USD in late 2026.',
  },
  {
    name: 'mfu', section: 'refine', kind: 'number', required: false, min: 0.001, max: 1,
    question: 'What model FLOPs utilisation should be assumed (0–1)?',
    help: 'The share of peak GPU throughput training really achieves: about 0.35 for large runs, 0.1 or less for small fine-tunes.',
  },
  {
    name: 'engineerWeeklyUsd', section: 'refine', kind: 'number', required: false, min: 0, exclusiveMin: true, max: 100_000,
    question: 'What does one engineer-week cost, loaded, in USD?',
    help: 'Salary plus benefits and overhead, divided by working weeks, e.g. about 4k for a 200k USD loaded yearly cost.',
  },
  {
    name: 'teamSize', section: 'refine', kind: 'integer', required: false, min: 1, max: 10_000,
    question: 'How many engineers will work on it?',
    help: 'People working on this feature at the same time, e.g. 2 for an engineer and a data scientist. Without it the team follows the spot: one engineer for a hosted model, a team for pre-training.',
  },
  {
    name: 'labelCostUsd', section: 'refine', kind: 'number', required: false, min: 0, max: 10_000,
    question: 'What does one new labelled example cost you, in USD?',
    help: "Your quote or your own measurement, e.g. 0.08 per image from a vendor; replaces the catalog's price for every label the estimate buys.",
  },
  {
    name: 'labelers', section: 'refine', kind: 'integer', required: false, min: 1, max: 1_000_000,
    question: 'How many people will label at once?',
    help: 'Labellers working in parallel, e.g. 3 radiologists; more labellers shorten the labelling weeks, not its cost.',
  },
  {
    name: 'expertLabel', section: 'refine', kind: 'enum', required: false,
    question: 'What does one expert label take?',
    help: 'Which expert and which task, since experts are not interchangeable: a chest X-ray read is a minute or two, a CT read about 16 minutes. Without it the estimate assumes one from the domain and says which.',
    choices: [
      c('chest-xray-read', 'a radiologist reading a chest X-ray'),
      c('ct-read', 'a radiologist reading a CT scan'),
      c('ct-organ-segmentation', 'a radiologist outlining an organ on a CT volume'),
      c('contract-clause-review', 'a lawyer reviewing a contract clause'),
      c('essay-grade', 'a teacher grading an essay'),
    ],
  },
  {
    name: 'requestsPerMonth', section: 'refine', kind: 'number', required: false, min: 0, max: 1e13,
    question: 'How many predictions or requests a month in production?',
    help: 'e.g. 1M for a busy support chat; without it no running cost is counted.',
    words: (v) => `${n(v)} requests a month`,
  },
  {
    name: 'tokensPerRequest', section: 'refine', kind: 'number', required: false, min: 0, exclusiveMin: true, max: 1e8,
    question: 'How many tokens does one request take, input plus output?',
    help: 'For text and chat tasks, e.g. 1,500 for a question with retrieved context and a short answer; defaults by task.',
  },
  {
    name: 'horizonMonths', section: 'refine', kind: 'number', required: false, default: 12, min: 0, exclusiveMin: true, max: 1200,
    question: 'Over how many months should running costs count in the total?',
    help: 'The months of serving counted in `total`: build cost plus running cost over this horizon, e.g. 12 for a year.',
  },
] as const satisfies readonly FieldDef[];

export const FIELDS: readonly FieldDef[] = FIELD_TABLE;

export const FIELD_NAMES = FIELDS.map((f) => f.name);
export const FIELD_BY_NAME: ReadonlyMap<string, FieldDef> = new Map(FIELDS.map((f) => [f.name, f]));

type FieldEntry = (typeof FIELD_TABLE)[number];
type ValueOf<F> = F extends { kind: 'enum'; choices: readonly (infer C)[] }
  ? C extends Choice<infer V> ? V : never
  : F extends { kind: 'integer' | 'number' } ? number
  : F extends { kind: 'boolean' } ? boolean
  : string;
/** A field a normalized answer set always has: required, defaulted, or filled in from another answer. */
type AlwaysSet<F> = F extends { required: true } | { default: string | number | boolean } | { defaultFrom: string } ? true : false;
type Flat<T> = { [K in keyof T]: T[K] } & {};

/** The normalized answers, defaults filled in: one property per field of the table above, typed by it. */
export type Answers = Flat<
  { -readonly [F in FieldEntry as AlwaysSet<F> extends true ? F['name'] : never]: ValueOf<F> } & {
    -readonly [F in FieldEntry as AlwaysSet<F> extends true ? never : F['name']]?: ValueOf<F>;
  }
>;

type Required<F> = F extends { required: true } ? true : false;
/** Answers as given (an answers file, the library's `decide`): the required fields, and any of the others. */
export type AnswersInput = Flat<
  { -readonly [F in FieldEntry as Required<F> extends true ? F['name'] : never]: ValueOf<F> } & {
    -readonly [F in FieldEntry as Required<F> extends true ? never : F['name']]?: ValueOf<F>;
  }
>;
