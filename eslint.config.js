import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // The sast fixtures are deliberately insecure sample code in several module styles, not Rampart's code.
  { ignores: ['dist/', 'node_modules/', 'examples/', 'test/corpus/', 'bench/.work/', 'test/fixtures/sast/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly', URL: 'readonly' },
    },
    rules: {
      // Library code reports through return values and the injected CLI streams.
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    // Scripts and benchmarks are command-line programs that print their results.
    files: ['scripts/**', 'bench/**'],
    rules: { 'no-console': 'off' },
  },
);
