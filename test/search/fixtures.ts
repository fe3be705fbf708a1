import type { PaperRecord } from '../../src/domain/paper.ts';

/** A handful of papers whose words make ranking checks unambiguous. */
export const SEARCH_FIXTURES: PaperRecord[] = [
  {
    id: '2601.00001',
    title: 'Model Merging for Large Language Models',
    abstract:
      'We study how to merge fine-tuned checkpoints of transformers into one model without retraining, and compare weight averaging with task arithmetic.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    categories: ['cs.CL', 'cs.LG'],
    listingDate: '2026-01-05',
    codeRepo: 'github:example/merge',
  },
  {
    id: '2601.00002',
    title: 'Diffusion Models for Image Synthesis',
    abstract:
      'Denoising diffusion probabilistic models generate images; we also mention model merging once in passing.',
    authors: ['Grace Hopper'],
    categories: ['cs.CV'],
    listingDate: '2026-01-06',
  },
  {
    id: '2601.00003',
    title: 'Reinforcement Learning from Human Feedback',
    abstract:
      'Aligning language models with human preferences through reward models and policy optimization.',
    authors: ['Alan Turing', 'Claude Shannon'],
    categories: ['cs.LG', 'cs.AI'],
    listingDate: '2026-02-10',
  },
  {
    id: '2601.00004',
    title: 'Graph Neural Networks for Molecules',
    abstract:
      'Message passing networks predict molecular properties; merging is not discussed, but models are.',
    authors: ['Marie Curie'],
    categories: ['cs.LG', 'q-bio.BM'],
    listingDate: '2026-03-01',
  },
  {
    id: '2601.00005',
    title: 'Transformers for Speech Recognition',
    abstract: 'Self-attention encoders transcribe speech; we use transformer models of many sizes.',
    authors: ['Émile Borel'],
    categories: ['eess.AS', 'cs.CL'],
    listingDate: '2026-03-02',
    codeRepo: 'github:example/speech',
  },
];
