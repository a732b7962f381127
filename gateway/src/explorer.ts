import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { Route } from '@hub/kit';

/** The explorer's files, served from installed packages: it works with no internet. */
const packageFile = (pkg: string, file: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
const ASSETS: Record<string, { file: string; type: string }> = {
  '/explorer/graphiql.min.css': { file: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
  '/explorer/graphiql.min.js': { file: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  '/explorer/react.min.js': { file: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  '/explorer/react-dom.min.js': { file: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
};

/** The query the explorer opens with (the tests run it, so it always matches the schema). */
export const EXPLORER_QUERY = `# The convention graph: sector → framework
# agreements → conventions → parties, across
# every subgraph. Lists are pages (nodes,
# totalCount, pageInfo) and take a filter:
# competenceCentres(filter: {province: "liege"})
# Ctrl-Enter runs it; the book icon opens the
# documentation.
{
  sector(id: "industrie_alimentaire") {
    name
    frameworkAgreements {
      nodes {
        title
        validFrom
        validTo
        conventions {
          nodes {
            title
            kind
            objectives { code label }
            parties {
              __typename
              name
              ... on EducationNetwork { website }
            }
          }
        }
      }
    }
    competenceCentres {
      totalCount
      nodes { name city label { status validTo } }
    }
  }
}
`;

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Sector-conventions hub · GraphQL explorer</title>
  <link rel="stylesheet" href="/explorer/graphiql.min.css">
  <style>body { margin: 0; height: 100vh; } #explorer { height: 100vh; }</style>
</head>
<body>
  <div id="explorer">Loading the explorer…</div>
  <script src="/explorer/react.min.js"></script>
  <script src="/explorer/react-dom.min.js"></script>
  <script src="/explorer/graphiql.min.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: location.pathname });
    ReactDOM.createRoot(document.getElementById('explorer')).render(
      React.createElement(GraphiQL, { fetcher, defaultQuery: ${JSON.stringify(EXPLORER_QUERY)} }),
    );
  </script>
</body>
</html>
`;

/** GET /graphql from a browser shows the explorer; its assets are under /explorer/. */
export const explorerRoute: Route = (req, res, url) => {
  if (req.method !== 'GET') return false;
  const asset = ASSETS[url.pathname];
  if (asset) {
    res.writeHead(200, { 'content-type': `${asset.type}; charset=utf-8`, 'cache-control': 'public, max-age=86400' });
    createReadStream(asset.file).pipe(res);
    return true;
  }
  const wantsPage = url.pathname === '/' || (url.pathname === '/graphql' && !url.searchParams.has('query'));
  if (wantsPage && (req.headers.accept ?? '').includes('text/html')) {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(PAGE);
    return true;
  }
  return false;
};
