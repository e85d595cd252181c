import { z } from 'zod';

export const INTENTS = [
  'greeting',
  'help',
  'thanks',
  'list_partners',
  'count_partners',
  'partner_info',
  'signing_date',
  'cooperation',
  'institutions',
  'overview',
  'distance',
  'not_a_partner',
  'unknown',
] as const;
export const IntentSchema = z.enum(INTENTS);
export type Intent = z.infer<typeof IntentSchema>;
