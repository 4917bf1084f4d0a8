import { DEFAULT_RULE_SET, composeRules, type Translated } from '@emtihan/protocol';

/** A new exam's rules: the university's own instructions (mission/seed), in three languages. */
export const DEFAULT_RULES: Translated = composeRules(DEFAULT_RULE_SET);
