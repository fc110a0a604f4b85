/** A HipChat card (hipchat-api.md §1.4): what `format: card` sends beside the fallback message. */
export const CARD_STYLES = ['application', 'file', 'image', 'link', 'media'] as const;
export const CARD_FORMATS = ['medium', 'compact'] as const;
export const LOZENGE_STYLES = [
  'lozenge-success',
  'lozenge-error',
  'lozenge-current',
  'lozenge-complete',
  'lozenge-moved',
  'lozenge',
] as const;

export type CardStyle = (typeof CARD_STYLES)[number];
export type CardFormat = (typeof CARD_FORMATS)[number];
export type LozengeStyle = (typeof LOZENGE_STYLES)[number];
export type CardIcon = string | { readonly url: string; readonly 'url@2x'?: string };

export interface CardAttribute {
  readonly label?: string;
  readonly value: { readonly label: string; readonly url?: string; readonly style?: LozengeStyle; readonly icon?: CardIcon };
}

export interface Card {
  readonly style: CardStyle;
  readonly title: string;
  readonly id: string;
  readonly format?: CardFormat;
  readonly description?: { readonly value: string; readonly format: 'html' | 'text' };
  readonly url?: string;
  readonly icon?: CardIcon;
  readonly thumbnail?: { readonly url: string; readonly 'url@2x'?: string; readonly width?: number; readonly height?: number };
  readonly activity?: { readonly html: string; readonly icon?: CardIcon };
  readonly attributes?: readonly CardAttribute[];
}

/** The server's limits (the schema it dumped in a 400, §1.4). */
export const CARD_LIMITS = {
  title: 500,
  description: 1000,
  attributes: 10,
  attributeLabel: 50,
  thumbnailUrl: 250,
} as const;

/** Card html may use only these tags (§1.3). */
export const CARD_HTML_TAGS = ['a', 'b', 'i', 'strong', 'span'] as const;
