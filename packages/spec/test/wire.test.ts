// writeWireJson reproduces the bytes of each of the server's JSON writers, checked against bodies
// quoted from the Pegasus source and its unit tests (see ../../shared/reference).
import { describe, expect, it } from 'vitest';
import { writeWireJson } from '@pegasus-http/spec';

describe('writeWireJson', () => {
  it('table_printer: compact, insertion order, a trailing newline', () => {
    const body = { general: { app_name: 'test_meta_http', app_id: '2', partition_count: '8', max_replica_count: '3' } };
    expect(writeWireJson(body, 'table_printer')).toBe(
      '{"general":{"app_name":"test_meta_http","app_id":"2","partition_count":"8","max_replica_count":"3"}}\n',
    );
  });

  it('nlohmann: keys sorted byte-wise at every level, even integer-like ones', () => {
    const body = { '0': { data_version: '1' }, '1': { data_version: '1' }, '2': { data_version: '1' }, '10': { data_version: '1' } };
    expect(writeWireJson(body, 'nlohmann')).toBe('{"0":{"data_version":"1"},"1":{"data_version":"1"},"10":{"data_version":"1"},"2":{"data_version":"1"}}');
    expect(writeWireJson({ status: { running: 1, queuing: 1, idle: 6, finished: 0 } }, 'nlohmann')).toBe(
      '{"status":{"finished":0,"idle":6,"queuing":1,"running":1}}',
    );
  });

  it('rapidjson_pretty: 4-space indent, empty containers inline, no trailing newline', () => {
    const body = { cluster: 'onebox', port: 34601, timestamp_ns: 1716188591123456800n, entities: [], attributes: {} };
    expect(writeWireJson(body, 'rapidjson_pretty')).toBe(
      '{\n    "cluster": "onebox",\n    "port": 34601,\n    "timestamp_ns": 1716188591123456800,\n    "entities": [],\n    "attributes": {}\n}',
    );
  });

  it('nlohmann_indent2: sorted keys, 2-space indent', () => {
    const body = { 'replica.slow_query_threshold': { type: 'unsigned int64', limitation: '>= 20', sample: '1000' } };
    expect(writeWireJson(body, 'nlohmann_indent2')).toBe(
      '{\n  "replica.slow_query_threshold": {\n    "limitation": ">= 20",\n    "sample": "1000",\n    "type": "unsigned int64"\n  }\n}',
    );
  });

  it('escapes like the server: quotes and control characters, not slashes or non-ASCII', () => {
    expect(writeWireJson({ k: 'a"b\n/你' }, 'table_printer')).toBe('{"k":"a\\"b\\n/你"}\n');
  });
});
