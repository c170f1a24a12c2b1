/**
 * The HTTP API's types by path and method, read from the types generated from the server's OpenAPI document
 * (`openapi.d.ts`, `npm run api:types`): the URL a call may use, its JSON body, its query and its answer. Types
 * only, nothing here reaches the bundle. The answers are still parsed with the shared zod schemas at run time;
 * `ApiClient.request` requires a schema whose output fits the document's answer, so a route or schema change the
 * phone does not follow fails to compile.
 */
import type { components, paths } from './openapi';

export type Schemas = components['schemas'];
export type ApiPath = keyof paths;
export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE' | 'HEAD';

/** The generated operation of `method` on `path` (never when the path has no such method). */
type OperationOf<P extends ApiPath, M extends HttpMethod> = NonNullable<paths[P][Lowercase<M>]>;

/** A path template as a URL: `/api/accounts/{id}` becomes `/api/accounts/${string}`. */
export type UrlOf<P extends string> = P extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${UrlOf<Tail>}`
  : P;

/** Whether the API has an operation of `method` on `path`. */
type Has<P extends ApiPath, M extends HttpMethod> = [OperationOf<P, M>] extends [never] ? false : true;

/** Every URL the API answers to `method`, with its path parameters filled in, and maybe a query string. */
export type ApiUrl<M extends HttpMethod> = {
  [P in ApiPath]: Has<P, M> extends true ? UrlOf<P> | `${UrlOf<P>}?${string}` : never;
}[ApiPath];

/**
 * The path template a URL called with `method` belongs to (its query string left out): the exact path first,
 * else the templates it fits.
 */
export type PathOfUrl<U extends string, M extends HttpMethod> = U extends `${infer Path}?${string}`
  ? PathOfUrl<Path, M>
  : U extends ApiPath
    ? U
    : { [P in ApiPath]: U extends UrlOf<P> ? (Has<P, M> extends true ? P : never) : never }[ApiPath];

/** The JSON request body of an operation; `never` when it takes none. */
export type JsonBody<P extends ApiPath, M extends HttpMethod> = JsonContent<OperationOf<P, M>['requestBody']>;
type JsonContent<T> = [NonNullable<T>] extends [never]
  ? never
  : NonNullable<T> extends { content: { 'application/json': infer B } }
    ? B
    : never;

/** The query parameters of an operation. */
export type QueryOf<P extends ApiPath, M extends HttpMethod> = NonNullable<
  OperationOf<P, M>['parameters']['query']
>;

/** The JSON answer of an operation for its success status (200, or 201 for a creation). */
export type JsonAnswer<P extends ApiPath, M extends HttpMethod> = P extends ApiPath
  ? SuccessJson<OperationOf<P, M>['responses']>
  : never;
type SuccessJson<R> = R extends { 200: infer A }
  ? JsonContent<A>
  : R extends { 201: infer A }
    ? JsonContent<A>
    : never;
