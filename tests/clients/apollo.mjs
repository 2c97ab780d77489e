// What a browser frontend on another origin does with Apollo Client 4, against the real
// service (started by tests/clients/test_apollo.py, which passes the environment below):
// upload specifications through apollo-upload-client's link (with the preflight header),
// follow articleStatus over GraphQLWsLink to COMPLETED, read an article with a query of
// several root fields (through the persisted-query link, by GET), page `articles` with
// relayStylePagination; a page on an unlisted origin is refused, over HTTP and on the
// WebSocket; and a batch (analyzeArticles, files nested in its items) is uploaded and
// followed with the analysisBatch subscription.
//
// Node is not a browser, so `browserFetch` does what a browser adds to each request from
// a page on ORIGIN: the Origin header, the CORS preflight for non-simple requests, and
// the checks on the answers (no Access-Control-Allow-Origin: the page sees a network
// error). The WebSocket sends ORIGIN as a browser does.

import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";

import { ApolloClient, ApolloLink, InMemoryCache, gql } from "@apollo/client";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { GraphQLWsLink } from "@apollo/client/link/subscriptions";
import { getMainDefinition, relayStylePagination } from "@apollo/client/utilities";
import UploadHttpLink from "apollo-upload-client/UploadHttpLink.mjs";
import { createClient } from "graphql-ws";
import WebSocket from "ws";

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set (run me through test_apollo.py)`);
  return value;
};
const GRAPHQL_URL = env("CMS_GRAPHQL_URL");
const ORIGIN = env("CMS_ORIGIN");
const UNLISTED_ORIGIN = env("CMS_UNLISTED_ORIGIN");
const API_KEY = env("CMS_API_KEY");
const SPEC_PATHS = env("CMS_SPEC_PATHS").split(",");

setTimeout(() => {
  console.error("timed out after 90 s");
  process.exit(1);
}, 90_000).unref();

// --- a browser's CORS, for a page on `origin` --------------------------------------------
const SAFELISTED = new Set(["accept", "accept-language", "content-language", "content-type"]);
const SIMPLE_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data", "text/plain"];
const requests = []; // [method, body has a query?, persisted hash?] per actual request

function needsPreflight(method, headers) {
  if (!["GET", "HEAD", "POST"].includes(method)) return true;
  for (const [name, value] of headers) {
    if (!SAFELISTED.has(name)) return true;
    if (name === "content-type" && !SIMPLE_TYPES.some((t) => value.startsWith(t))) return true;
  }
  return false;
}

function browserFetch(origin) {
  return async (url, init = {}) => {
    const method = (init.method || "GET").toUpperCase();
    const headers = new Headers(init.headers);
    const credentials = init.credentials === "include";
    const refuse = (why) => {
      throw new TypeError(`Failed to fetch (CORS: ${why})`);
    };
    if (needsPreflight(method, headers)) {
      const asked = [...headers.keys()].filter((name) => !SAFELISTED.has(name) ||
        (name === "content-type" && !SIMPLE_TYPES.some((t) => headers.get(name).startsWith(t))));
      const preflight = await fetch(url, {
        method: "OPTIONS",
        headers: {
          Origin: origin,
          "Access-Control-Request-Method": method,
          "Access-Control-Request-Headers": asked.join(","),
        },
      });
      const allowOrigin = preflight.headers.get("access-control-allow-origin");
      if (!preflight.ok || (allowOrigin !== origin && allowOrigin !== "*")) {
        refuse(`preflight ${preflight.status}, allow-origin ${allowOrigin}`);
      }
      const allowed = (preflight.headers.get("access-control-allow-headers") || "")
        .toLowerCase().split(",").map((h) => h.trim());
      for (const name of asked) if (!allowed.includes(name)) refuse(`header ${name}`);
      if (!preflight.headers.get("access-control-allow-methods").includes(method)) {
        refuse(`method ${method}`);
      }
    }
    headers.set("Origin", origin);
    const response = await fetch(url, { ...init, headers });
    const allowOrigin = response.headers.get("access-control-allow-origin");
    if (allowOrigin !== origin && !(allowOrigin === "*" && !credentials)) {
      refuse(`response allow-origin ${allowOrigin}`);
    }
    if (credentials && response.headers.get("access-control-allow-credentials") !== "true") {
      refuse("credentials not allowed");
    }
    const exposed = (response.headers.get("access-control-expose-headers") || "").toLowerCase();
    assert.ok(exposed.includes("x-request-id"), "X-Request-ID is readable by the page");
    const body = typeof init.body === "string" ? init.body : "";
    const extensions = method === "GET" ? new URL(url).searchParams.get("extensions") : body;
    requests.push([method, method === "GET" ? new URL(url).searchParams.has("query")
      : body.includes('"query"'), (extensions || "").includes("persistedQuery")]);
    return response;
  };
}

// Browsers have a global WebSocket (Node has one from 22 on); Apollo's link looks at it.
globalThis.WebSocket ??= WebSocket;

// A WebSocket as a page on `origin` opens it. A page sees only that it closed; the
// handshake's answer is kept here for the test to check.
const handshakeErrors = [];
function browserWebSocket(origin) {
  return class extends WebSocket {
    constructor(url, protocols) {
      super(url, protocols, { origin });
      this.on("error", (error) => handshakeErrors.push(error.message));
    }
  };
}

// --- the Apollo Client setup the README shows ----------------------------------------------
function apolloClient(origin) {
  const authorization = `Bearer ${API_KEY}`;
  const wsLink = new GraphQLWsLink(createClient({
    url: GRAPHQL_URL.replace(/^http/, "ws"),
    connectionParams: { authorization },
    webSocketImpl: browserWebSocket(origin),
    retryAttempts: 0,
  }));
  const httpLink = ApolloLink.from([
    new PersistedQueryLink({
      sha256: (query) => createHash("sha256").update(query).digest("hex"),
      useGETForHashedQueries: true,
    }),
    new UploadHttpLink({
      uri: GRAPHQL_URL,
      fetch: browserFetch(origin),
      credentials: "include",
      headers: { authorization, "Apollo-Require-Preflight": "true" },
    }),
  ]);
  return new ApolloClient({
    link: ApolloLink.split(
      ({ query }) => {
        const definition = getMainDefinition(query);
        return definition.kind === "OperationDefinition" && definition.operation === "subscription";
      },
      wsLink,
      httpLink,
    ),
    cache: new InMemoryCache({
      typePolicies: { Query: { fields: { articles: relayStylePagination(["status"]) } } },
    }),
  });
}

const ANALYZE = gql`
  mutation Analyze($name: String!, $spec: Upload!) {
    analyzeArticle(articleName: $name, productSpecification: $spec) {
      id processingStatus processingStage
    }
  }
`;
const FOLLOW = gql`
  subscription Follow($id: ID!) {
    articleStatus(id: $id) { id processingStatus processingStage version }
  }
`;
const ARTICLE_PAGE = gql`
  query ArticlePage($id: ID!) {
    article(id: $id) {
      id articleName unitWeight costModelMethod
      weightExtraction { method evidence }
      costModel { part index { id code name } }
    }
    articleStatus(id: $id) { id processingStatus version }
    costIndices { id code name }
  }
`;
const LIST = gql`
  query List($first: Int!, $after: String) {
    articles(first: $first, after: $after) {
      totalCount
      edges { cursor node { id articleName } }
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    }
  }
`;

let passed = 0;
async function step(name, body) {
  const started = performance.now();
  await body();
  passed += 1;
  console.log(`ok - ${name} (${Math.round(performance.now() - started)} ms)`);
}

const client = apolloClient(ORIGIN);
const ids = [];

async function upload(path) {
  const name = path.split("/").pop();
  const spec = new File([await readFile(path)], name, { type: "text/plain" });
  const { data } = await client.mutate({ mutation: ANALYZE, variables: { name, spec } });
  assert.equal(data.analyzeArticle.processingStatus, "PROCESSING");
  ids.push(data.analyzeArticle.id);
}

let following;
await step("upload through the upload link, with the preflight header", async () => {
  await upload(SPEC_PATHS[0]);
  // Subscribed at once, as a frontend does after the mutation, while the worker runs.
  following = new Promise((resolve, reject) => {
    const statuses = [];
    client.subscribe({ query: FOLLOW, variables: { id: ids[0] } }).subscribe({
      next: ({ data, error }) => (error ? reject(error) : statuses.push(data.articleStatus)),
      error: reject,
      complete: () => resolve(statuses),
    });
  });
  for (const path of SPEC_PATHS.slice(1)) await upload(path);
});

await step("follow articleStatus over GraphQLWsLink to COMPLETED", async () => {
  const seen = await following;
  console.log(`   stages seen: ${seen.map((s) => s.processingStage).join(" > ")}`);
  const versions = seen.map((s) => s.version);
  assert.deepEqual(versions, [...versions].sort((a, b) => a - b), "versions only go up");
  assert.equal(seen.at(-1).processingStatus, "COMPLETED");
  assert.equal(seen.at(-1).processingStage, "DONE");
});

await step("read the article: several root fields, persisted query by GET", async () => {
  const first = await client.query({ query: ARTICLE_PAGE, variables: { id: ids[0] } });
  assert.equal(first.error, undefined);
  assert.equal(first.data.article.articleName, SPEC_PATHS[0].split("/").pop());
  assert.equal(first.data.articleStatus.processingStatus, "COMPLETED");
  const sum = first.data.article.costModel.reduce((total, part) => total + part.part, 0);
  assert.ok(Math.abs(sum - 100) < 0.01, `parts sum to 100 (${sum})`);
  assert.ok(first.data.costIndices.length > 5);
  // The link sent the hash alone (GET), got PERSISTED_QUERY_NOT_FOUND, sent the query.
  assert.deepEqual(requests.slice(-2), [["GET", false, true], ["POST", true, true]]);

  const again = await client.query({
    query: ARTICLE_PAGE, variables: { id: ids[0] }, fetchPolicy: "network-only",
  });
  assert.deepEqual(again.data, first.data);
  assert.deepEqual(requests.at(-1), ["GET", false, true], "served from the hash alone");
});

await step("page articles with relayStylePagination", async () => {
  const list = client.watchQuery({ query: LIST, variables: { first: 2 } });
  const seen = [];
  const subscription = list.subscribe({ next: ({ data }) => data && seen.push(data) });
  const first = await list.refetch();
  assert.equal(first.data.articles.totalCount, ids.length);
  assert.equal(first.data.articles.pageInfo.hasNextPage, true);
  assert.equal(first.data.articles.pageInfo.hasPreviousPage, false);
  await list.fetchMore({ variables: { after: first.data.articles.pageInfo.endCursor } });
  const merged = client.readQuery({ query: LIST, variables: { first: 2 } }).articles;
  assert.deepEqual(new Set(merged.edges.map((e) => e.node.id)), new Set(ids));
  assert.equal(merged.edges.length, ids.length);
  assert.equal(merged.pageInfo.hasNextPage, false);
  assert.equal(merged.totalCount, ids.length);
  subscription.unsubscribe();
});

await step("a page on an unlisted origin is refused over HTTP and on the WebSocket", async () => {
  const stranger = apolloClient(UNLISTED_ORIGIN);
  const http = await stranger.query({ query: LIST, variables: { first: 1 } })
    .then(({ error }) => error, (error) => error);
  assert.match(String(http), /Failed to fetch \(CORS/);
  const ws = await new Promise((resolve) => {
    stranger.subscribe({ query: FOLLOW, variables: { id: ids[0] } }).subscribe({
      next: ({ error }) => error && resolve(error),
      error: resolve,
      complete: () => resolve(null),
    });
  });
  assert.match(String(ws?.message ?? ws), /Socket closed/);
  assert.deepEqual(handshakeErrors, ["Unexpected server response: 403"]);
});

const ANALYZE_BATCH = gql`
  mutation AnalyzeBatch($items: [ArticleUploadInput!]!) {
    analyzeArticles(items: $items) { id status total pending processing }
  }
`;
const FOLLOW_BATCH = gql`
  subscription FollowBatch($id: ID!) {
    analysisBatch(id: $id) {
      batch { id status total completed failed completedAt }
      article { id processingStatus version }
    }
  }
`;

await step("upload a batch with files nested in items, follow analysisBatch", async () => {
  // The upload link finds the files inside the list of input objects and maps them to
  // variables.items.<n>.productSpecification.
  const items = await Promise.all(SPEC_PATHS.map(async (path) => {
    const name = path.split("/").pop();
    return { articleName: `batch ${name}`,
      productSpecification: new File([await readFile(path)], name, { type: "text/plain" }) };
  }));
  const { data } = await client.mutate({ mutation: ANALYZE_BATCH, variables: { items } });
  const batch = data.analyzeArticles;
  assert.equal(batch.total, SPEC_PATHS.length);
  assert.equal(batch.status, "PROCESSING");
  const events = await new Promise((resolve, reject) => {
    const seen = [];
    client.subscribe({ query: FOLLOW_BATCH, variables: { id: batch.id } }).subscribe({
      next: ({ data: event, error }) => (error ? reject(error) : seen.push(event.analysisBatch)),
      error: reject,
      complete: () => resolve(seen),
    });
  });
  const last = events.at(-1).batch;
  console.log(`   batch events: ${events.length}, completed ${last.completed}`);
  assert.equal(last.status, "COMPLETED");
  assert.equal(last.completed, SPEC_PATHS.length);
  assert.ok(last.completedAt);
});

console.log(`apollo client: all ${passed} steps ok`);
process.exit(0);
