import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadYamlDocuments } from '../../../../src/scanners/iac/documents/yaml.js';
import { composeResources } from '../../../../src/scanners/iac/resources/compose.js';
import { entryOf } from '../../../../src/scanners/iac/tree.js';
import { span } from '../tree-helpers.js';

function extract(text: string): ReturnType<typeof composeResources> {
  const [doc] = loadYamlDocuments('docker-compose.yml', text);
  assert.ok(doc);
  return composeResources(doc);
}

const COMPOSE = `services:
  web:
    image: nginx:1.27
    privileged: true
    network_mode: host
    volumes:
      - /var/run/docker.sock:/var/run/docker.sock
  cache:
volumes:
  data:
networks:
  front: {driver: bridge}
secrets:
  token:
    file: ./token.txt
`;

describe('composeResources', () => {
  it('lists services and top-level objects', () => {
    const { resources, warnings } = extract(COMPOSE);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      resources.map((resource) => [resource.type, resource.address]),
      [
        ['service', 'services.web'],
        ['service', 'services.cache'],
        ['network', 'networks.front'],
        ['volume', 'volumes.data'],
        ['secret', 'secrets.token'],
      ],
    );
    assert.ok(resources.every((resource) => resource.format === 'compose' && resource.path === 'docker-compose.yml'));
  });

  it('keeps risky service settings', () => {
    const web = extract(COMPOSE).resources[0]!;
    assert.deepEqual(web.span, span(2, 3, 7, 50));
    const privileged = entryOf(web.body, 'privileged')?.value;
    assert.deepEqual(privileged, { kind: 'scalar', span: span(4, 17, 4, 21), value: true });
    const network = entryOf(web.body, 'network_mode')?.value;
    assert.equal(network?.kind === 'scalar' ? network.value : undefined, 'host');
    const volumes = entryOf(web.body, 'volumes')?.value;
    const socket = volumes?.kind === 'list' ? volumes.items[0] : undefined;
    assert.equal(socket?.kind === 'scalar' ? socket.value : undefined, '/var/run/docker.sock:/var/run/docker.sock');
    assert.deepEqual(socket?.span, span(7, 9, 7, 50));
  });

  it('gives empty entries an empty body', () => {
    const cache = extract(COMPOSE).resources[1]!;
    assert.equal(cache.body.kind, 'map');
    assert.deepEqual(cache.body.kind === 'map' ? cache.body.entries : undefined, []);
    assert.deepEqual(cache.span, span(8, 3, 8, 9));
  });

  it('warns on malformed sections', () => {
    const { resources, warnings } = extract('services:\n  - web\nvolumes:\n  data: 3\n  logs: {}\nnetworks:\n');
    assert.deepEqual(warnings, [
      'docker-compose.yml:2: Compose services must be a map, found a list',
      'docker-compose.yml:4: skipped volumes.data: expected a map, found a number',
    ]);
    assert.deepEqual(
      resources.map((resource) => resource.address),
      ['volumes.logs'],
    );
    const scalar = extract('just text\n');
    assert.deepEqual(scalar.warnings, ['docker-compose.yml:1: expected a Compose map, found a string']);
  });
});
