import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

export const openai = new OpenAI({ apiKey: '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' });
export const anthropicAdmin = new Anthropic({ apiKey: 'sk-ant-admin01-dv4whrvx4ghixPyNPNSk67WDxpTsnBb1Z3Pk4O0xHbu1ckX_zIs5_BwduauyM80QYLy6_IeGqu09aky1GnqhFv7doMiO_AA' });

export async function complete(prompt) {
  const res = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
  });
  return res.choices[0].message.content;
}
