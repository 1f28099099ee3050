import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * Libraries import each other by name, `#libs/<name>` (package.json "imports"), which resolves
 * to the library's index.ts and nothing else. Any relative path into another library's folder
 * (its index included) is refused; the patterns cover every depth a relative import can take
 * from libs/<lib>/src/… and apps/api/src/….
 */
const libraryDoors = {
  patterns: [
    {
      group: [
        '../*/src/**',
        '../../*/src/**',
        '../../../*/src/**',
        '../../../../*/src/**',
        '../../../libs/*/src/**',
        '../../../../libs/*/src/**',
        '../../libs/*/src/**',
      ],
      message: "Import another library by name: '#libs/<library>' (its index.ts), not by path.",
    },
    {
      group: ['#libs/*/**'],
      message: "'#libs/<library>' names a whole library; its inner files are not importable.",
    },
  ],
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: { ...globals.node } } },
  {
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['apps/web/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/consistent-type-imports': 'off',
      // Promises are awaited, returned or explicitly `void`ed: none is dropped by accident.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      // A new member of a union (an event, an action, a role) must be handled in every switch.
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
    },
  },
  {
    files: ['libs/**/*.ts', 'apps/api/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', libraryDoors] },
  },
  {
    files: ['test/**/*.ts', '**/*.spec.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  prettier,
);
