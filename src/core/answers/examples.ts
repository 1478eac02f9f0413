// The questionnaire's examples, fitted to the task: someone building a defect detector should
// read "5,000 photos of parts", not "1,000 tickets". The field table (fields.ts) keeps the general
// help line; this table replaces it where the task makes a better example.
import type { FieldDef } from './fields.js';

/** Kinds of task that share their examples. */
export type TaskKind = 'text' | 'chat' | 'vision' | 'image-generation' | 'speech' | 'voice' | 'music' | 'tabular' | 'time-series' | 'recommendation' | 'anomaly' | 'science';

const KIND_OF_TASK: Record<string, TaskKind> = {
  'text-classification': 'text', 'sentiment-analysis': 'text', 'named-entity-recognition': 'text', 'question-answering': 'text',
  summarization: 'text', translation: 'text', 'semantic-search': 'text',
  'text-generation': 'chat', 'chat-assistant': 'chat', 'code-generation': 'chat',
  'image-classification': 'vision', 'object-detection': 'vision', 'image-segmentation': 'vision',
  'image-generation': 'image-generation',
  'speech-recognition': 'speech', 'speech-synthesis': 'voice', 'music-generation': 'music',
  recommendation: 'recommendation', 'tabular-classification': 'tabular', 'tabular-regression': 'tabular',
  'time-series-forecasting': 'time-series', 'anomaly-detection': 'anomaly', 'protein-structure': 'science',
};

const KIND_OF_MODALITY: Record<string, TaskKind> = {
  text: 'text', image: 'vision', video: 'vision', audio: 'speech', tabular: 'tabular', 'time-series': 'time-series', scientific: 'science', graph: 'tabular', multimodal: 'chat',
};

/** The kind of task the answers so far describe; a task "other" goes by its modality. */
export function taskKind(a: Record<string, unknown>): TaskKind | undefined {
  const task = typeof a.task === 'string' ? a.task : undefined;
  if (task && task !== 'other' && KIND_OF_TASK[task]) {
    // Anomalies in images or signals read like their modality's examples.
    if (task === 'anomaly-detection' && typeof a.modality === 'string' && a.modality !== 'tabular') return KIND_OF_MODALITY[a.modality] ?? 'anomaly';
    return KIND_OF_TASK[task];
  }
  return typeof a.modality === 'string' ? KIND_OF_MODALITY[a.modality] : undefined;
}

type Examples = Partial<Record<TaskKind, string>>;

const NUMBERS = ' Accepts 1,000, 10k, 2.5M.';

const HELP: Record<string, Examples> = {
  existingModel: {
    text: 'Look on Hugging Face, TensorFlow Hub or PyTorch Hub. "close" means a related task or domain, e.g. a general sentiment model for product reviews.',
    chat: 'Open-weight LLMs (Llama, Mistral, Qwen) and hosted APIs count. "close" means a general assistant for a specialised job, e.g. a general chat model for your product\'s support.',
    vision: 'Look on Hugging Face, TorchVision or Ultralytics. "close" means a related task or domain, e.g. an ImageNet classifier for your product photos.',
    'image-generation': 'Stable Diffusion, FLUX and hosted image APIs count. "close" means a general model for a special style, e.g. a general model for your brand\'s illustrations.',
    speech: 'Whisper, wav2vec 2.0 and hosted speech APIs count. "close" means a related language or setting, e.g. an English model for accented call-centre audio.',
    voice: 'Open TTS models and hosted voice APIs count. "close" means a good voice that is not yours, e.g. a stock voice where you need your narrator\'s.',
    music: 'MusicGen and hosted music APIs count. "close" means a general model for a special style.',
    tabular: 'Pre-trained models rarely fit your own columns: "none" is the usual answer; "close" means a public model of the same rows, e.g. a credit-scoring model for a similar market.',
    'time-series': 'Forecasting foundation models (Chronos, TimesFM) count. "close" means one that forecasts similar series, e.g. retail demand.',
    recommendation: 'Recommenders are trained on your own users and items: "none" is the usual answer.',
    anomaly: 'Usually "none": what is unusual depends on your own data.',
    science: 'e.g. AlphaFold or ESM for proteins. "close" means a related family of molecules.',
  },
  offTheShelfResult: {
    text: 'Score it on a few hundred of your own labelled examples, e.g. 92% accuracy where you need 90% → meets-target; a hub leaderboard is not your data.',
    chat: 'Have people rate a few hundred of its answers to your real questions, e.g. 85 of 100 acceptable where you need 80 → meets-target.',
    vision: 'Score it on a few hundred of your own images, e.g. 0.78 mAP where you need 0.75 → meets-target; a benchmark is not your camera.',
    'image-generation': 'Have people judge a few hundred images made from your own prompts, e.g. 9 in 10 usable where you need 8 → meets-target.',
    speech: 'Transcribe an hour of your own audio, e.g. an 8% word error rate where you need under 10% → meets-target.',
    voice: 'Have listeners rate a few dozen of your own sentences, e.g. a mean opinion score of 4.2 where you need 4 → meets-target.',
    tabular: 'Score it on your own held-out rows, e.g. an AUC of 0.81 where you need 0.80 → meets-target.',
    'time-series': 'Backtest it on your own history, e.g. 9% MAPE where you need under 10% → meets-target.',
  },
  domainShift: {
    text: 'Domain shift: general English reviews → small; legal contracts → moderate; clinical notes full of abbreviations → large.',
    chat: 'General questions → small; your product\'s support with its own terms → moderate; a language or field the model barely knows → large.',
    vision: 'Everyday photos → none; product photos on a white background → small; X-rays, satellite or microscope images → large.',
    'image-generation': 'Photos like the web\'s → none; a house style → small or moderate; technical drawings or medical images → large.',
    speech: 'Clear speech in a major language → none; phone-quality calls with accents → small or moderate; a rare language, or machine sounds → large.',
    voice: 'A neutral voice in a major language → small; a particular person\'s voice → moderate; a rare language → large.',
    music: 'Popular genres → small; a niche tradition → moderate or large.',
    science: 'Well-studied protein families → small; designed or unusual molecules → large.',
  },
  labeledExamples: {
    text: 'Examples with the right answer attached, e.g. 1,000 tickets each tagged with its category.' + NUMBERS,
    chat: 'Conversations with a good reply written or approved by a person, e.g. 2,000 support chats with the agent\'s best answer.' + NUMBERS,
    vision: 'Images with the answer marked, e.g. 5,000 photos of parts each labelled ok or defective, or with boxes drawn round the defects.' + NUMBERS,
    'image-generation': 'Images with a caption that describes them, e.g. 3,000 product photos with a one-line description each.' + NUMBERS,
    speech: 'Audio clips with a checked transcript, e.g. 20,000 clips (about 50 hours) of calls, each with its transcript.' + NUMBERS,
    voice: 'Clips of the voice with the text spoken, e.g. 5,000 sentences (about 10 hours) read by your narrator.' + NUMBERS,
    music: 'Tracks with tags or a description, e.g. 2,000 30-second clips tagged by genre and mood.' + NUMBERS,
    tabular: 'Rows whose outcome is known, e.g. 50,000 past loan applications marked repaid or defaulted.' + NUMBERS,
    'time-series': 'Past points with the value that followed, e.g. 3 years of daily sales for 200 stores is about 220k.' + NUMBERS,
    recommendation: 'Interactions with an outcome, e.g. 1M clicks or purchases of users on items.' + NUMBERS,
    anomaly: 'Events marked normal or anomalous, e.g. 10,000 transactions of which 300 are known fraud.' + NUMBERS,
    science: 'Molecules or structures with the known answer, e.g. 2,000 proteins with solved structures.' + NUMBERS,
  },
  unlabeledExamples: {
    text: 'Raw text without answers, e.g. 200k past tickets or a year of emails; useful for domain-adaptive pre-training.',
    chat: 'Conversations or documents without a reviewed reply, e.g. 500k chat logs or your whole help centre.',
    vision: 'Images without labels, e.g. 100k frames from your line cameras; useful for self-supervised pre-training.',
    'image-generation': 'Images without captions, e.g. your 50k-image product archive.',
    speech: 'Recordings without transcripts, counted in clips, e.g. a year of call recordings (about 300k clips).',
    voice: 'Recordings of the voice without a transcript, e.g. 40 hours of podcast episodes (about 20k clips).',
    music: 'Tracks without tags, e.g. a catalogue of 100k songs.',
    tabular: 'Rows with no known outcome, e.g. 2M past applications not yet repaid or defaulted.',
    'time-series': 'Series with no target, e.g. sensor logs from machines that were never scored.',
    anomaly: 'Events nobody has checked, e.g. 5M transactions; most anomaly detectors learn what normal looks like from them.',
  },
  labelSource: {
    text: 'Crowd workers are cheap but need simple tasks; experts (lawyers, clinicians) cost minutes of expensive time per item.',
    vision: 'Crowd workers draw boxes cheaply; experts (radiologists, inspectors) cost minutes of expensive time per image.',
    speech: 'Transcription vendors charge per audio minute; experts are needed for medical or legal dictation.',
    tabular: 'Outcomes usually come from your own records; experts are needed when someone must judge each row (fraud analysts).',
  },
  proprietaryData: {
    text: 'e.g. internal documents in a jargon no one else uses, or a language public models have hardly seen.',
    chat: 'e.g. your own product\'s manuals and tickets, which no public model has read.',
    vision: 'e.g. images from your own assembly line, or a scanner no public data set comes from.',
    speech: 'e.g. recordings from your own devices, or a dialect public models have hardly heard.',
    tabular: 'e.g. fraud patterns unique to your bank, or your own sensor format.',
    'time-series': 'e.g. readings from your own machines, which no public data set has.',
  },
  trainingSamples: {
    vision: 'Images × epochs, e.g. 5,000 images × 10 epochs = 50k.',
    speech: 'Clips × epochs, e.g. 20,000 clips × 5 epochs = 100k.',
    voice: 'Clips × epochs, e.g. 5,000 sentences × 20 epochs = 100k.',
    tabular: 'Rows × boosting rounds or epochs, e.g. 50,000 rows × 10 = 500k.',
    'time-series': 'Windows × epochs, e.g. 220k windows × 5 epochs = 1.1M.',
  },
  trainingTokens: {
    chat: 'Examples × tokens per example × epochs, e.g. 2,000 conversations × 800 tokens × 3 = 4.8M.',
  },
  modelParams: {
    text: 'e.g. 110M for BERT-base, 66M for DistilBERT. Accepts 110M, 7B.',
    chat: 'e.g. 8B for Llama 3.1 8B, 70B for Llama 3.1 70B. Accepts 8B, 1.5B.',
    vision: 'e.g. 25.6M for ResNet-50, 5.4M for MobileNetV3-Large, 86M for ViT-B/16. Accepts 25.6M.',
    speech: 'e.g. 74M for Whisper base, 1.55B for Whisper large. Accepts 74M, 1.5B.',
    'image-generation': 'e.g. 860M for the Stable Diffusion 1.5 UNet, 12B for FLUX.1. Accepts 860M, 12B.',
  },
  latencyMs: {
    chat: 'e.g. 1,000 for the first words of a chat reply; leave empty for batch jobs.',
    vision: 'e.g. 50 for a camera on a production line; leave empty for batch jobs.',
    speech: 'e.g. 300 for live captions; leave empty for transcribing files.',
    tabular: 'e.g. 20 for scoring a payment as it happens; leave empty for nightly batches.',
  },
  dataQuality: {
    vision: 'Noisy means known wrong labels, blurry or duplicate images; unknown means nobody has checked a sample yet.',
    speech: 'Noisy means transcripts with known errors or bad audio; unknown means nobody has checked a sample yet.',
    tabular: 'Noisy means missing values, duplicates or outcomes recorded wrongly; unknown means nobody has checked a sample yet.',
  },
};

/** The help line for `f`, with the example fitted to the task the answers describe. */
export function helpFor(f: FieldDef, answers: Record<string, unknown>): string {
  const kind = taskKind(answers);
  return (kind && HELP[f.name]?.[kind]) ?? f.help;
}
