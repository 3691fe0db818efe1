import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const corePaths = ['electron', 'react', 'react-dom', 'antd'].map((name) => ({ name, allowTypeImports: true, message: 'The core must run in plain Node without Electron or React.' }));
const nodeOnly = ['better-sqlite3', 'electron', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'net', 'url', 'util'];
const bareTransaction = {
  selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='transaction']",
  message: 'Write through writeTx (db/tx.ts): it begins IMMEDIATE and retries when the database is busy.',
};
const inDbOnly = 'SQL lives in db/, in a module named after what it reads or writes; call its function from here.';

export default tseslint.config(
  { ignores: ['build/**', 'dist/**', 'release/**', 'node_modules/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-control-regex': 'off',
    },
  },
  {
    files: ['electron/**/*.ts', 'db/**/*.ts', 'tests/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: globals.node },
  },
  // The core runs in plain Node: only main.ts and preload.ts may touch Electron, nothing may touch React.
  {
    files: ['db/**/*.ts', 'electron/**/*.ts'],
    ignores: ['electron/main.ts', 'electron/preload.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { paths: corePaths }],
    },
  },
  // The store sits below the main process: of electron/ it may use only the pure domain rules
  // (ID numbers, dates, value lists) its column declarations check against.
  {
    files: ['db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: corePaths,
          patterns: [{ regex: '(^|/)electron/(?!domain/)', message: 'db/ may import only the pure helpers of electron/domain/.' }],
        },
      ],
    },
  },
  // The independent bundle reader follows FORMAT.md alone: it may use Node's crypto and zlib, nothing of the app.
  {
    files: ['tests/helpers/formatReader.ts', 'tests/helpers/formatShapes.ts', 'tests/helpers/formatIds.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!node:(crypto|zlib)$|\\./format(Shapes|Ids)$)', message: 'The independent reader imports only node:crypto, node:zlib and its own checks, never the app (electron/, db/).' }] },
      ],
    },
  },
  // Writes begin IMMEDIATE and retry when busy, through one helper (db/tx.ts writeTx). A deferred
  // transaction that reads before it writes fails under concurrent use instead of waiting.
  {
    files: ['db/**/*.ts', 'electron/**/*.ts'],
    ignores: ['db/tx.ts'],
    rules: {
      'no-restricted-syntax': ['error', bareTransaction],
    },
  },
  // Queries live in db/: the main process prepares and runs no SQL or pragma of its own. (`.exec`
  // with SQL text, as a string or template literal; a RegExp's exec takes a variable.)
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        bareTransaction,
        { selector: "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(prepare|pragma)$/]", message: inDbOnly },
        { selector: "CallExpression[callee.type='MemberExpression'][callee.property.name='exec'][arguments.0.type=/^(Literal|TemplateLiteral)$/]", message: inDbOnly },
      ],
    },
  },
  // The sync feature is host-agnostic: hosts hand it what they received through electron/transfers.ts.
  {
    files: ['electron/sync/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { paths: corePaths, patterns: [{ regex: '(^|/)host(/|$)', message: 'The sync feature does not import the hosts (electron/host/): use electron/transfers.ts.' }] },
      ],
    },
  },
  // The renderer reaches the main process only through the typed client: no Node, no store.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: nodeOnly.map((name) => ({ name, message: 'The renderer cannot reach Node, the file system or the network.' })),
          patterns: [
            { regex: '^node:', message: 'The renderer cannot reach Node.' },
            { regex: '(^|/)db/', allowTypeImports: true, message: 'Only type imports from db/.' },
            {
              regex: '(^|/)electron/(?!api/(channels|contract|bridge)$|domain/)',
              message: 'Only the API contract, channel names and pure domain helpers are shared with the renderer.',
            },
          ],
        },
      ],
    },
  },
);
