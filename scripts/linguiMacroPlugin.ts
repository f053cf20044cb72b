import { transformAsync } from '@babel/core';
import linguiMacro from '@lingui/babel-plugin-lingui-macro';
import type { Plugin } from 'vite';

const MACRO_IMPORT = /from\s+['"]@lingui\/(core|react)\/macro['"]/;

/**
 * Lingui's macros (`t`, `<Trans>`, `plural`) turned into message lookups before Vite compiles TypeScript.
 * Lingui 6's own native transform needs Node 22, and @vitejs/plugin-react 6 runs no Babel, so this runs
 * Babel 7 with Lingui's macro plugin on the files that import a macro, and on nothing else: it only
 * parses TypeScript and JSX and leaves them for Vite's own transform.
 */
export function linguiMacroPlugin(): Plugin {
  return {
    name: 'violetchat:lingui-macro',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\.[cm]?tsx?$/.test(id.split('?')[0] ?? '') || !MACRO_IMPORT.test(code)) return null;
      const result = await transformAsync(code, {
        filename: id,
        babelrc: false,
        configFile: false,
        sourceMaps: true,
        parserOpts: { plugins: ['typescript', 'jsx'] },
        // The English source text is stripped from production builds (Vite sets NODE_ENV): the catalogues carry it.
        plugins: [linguiMacro],
      });
      if (!result?.code) return null;
      return { code: result.code, map: result.map };
    },
  };
}
