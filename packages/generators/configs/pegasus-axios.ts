// The function every call of orval's client goes through (its `mutator`): axios parses a body that
// is JSON whatever its label (Pegasus labels every body `text/plain`) and leaves text as it is;
// lists go comma-joined in one parameter, as Pegasus reads them (`types=replica,server`); the
// call resolves to the body. The base URL and headers come with each call's options.
import axios, { type AxiosRequestConfig } from 'axios';

function commaLists(params: Record<string, unknown>): string {
  const pairs = Object.entries(params).filter(([, value]) => value !== undefined);
  return new URLSearchParams(pairs.map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : String(value)])).toString();
}

export async function pegasusAxios<T>(config: AxiosRequestConfig, options?: AxiosRequestConfig): Promise<T> {
  const { data } = await axios.request<T>({ ...config, ...options, paramsSerializer: { serialize: commaLists } });
  return data;
}
