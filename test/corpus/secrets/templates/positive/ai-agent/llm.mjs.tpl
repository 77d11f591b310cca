import OpenAI from 'openai';
import Anthropic from '@anthropic-ai/sdk';

export const openai = new OpenAI({ apiKey: '⟦openai svcacct⟧' });
export const anthropicAdmin = new Anthropic({ apiKey: '⟦anthropic admin01⟧' });

export async function complete(prompt) {
  const res = await openai.chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: prompt }],
  });
  return res.choices[0].message.content;
}
