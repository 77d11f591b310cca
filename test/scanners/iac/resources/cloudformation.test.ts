import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadJsonDocument } from '../../../../src/scanners/iac/documents/json.js';
import { loadYamlDocuments } from '../../../../src/scanners/iac/documents/yaml.js';
import {
  cloudformationResources,
  isCloudFormationResource,
  type CloudFormationResource,
} from '../../../../src/scanners/iac/resources/cloudformation.js';
import { entryOf } from '../../../../src/scanners/iac/tree.js';
import { span, valueAt } from '../tree-helpers.js';

function fromYaml(text: string): ReturnType<typeof cloudformationResources> {
  const [doc] = loadYamlDocuments('stack.yaml', text);
  assert.ok(doc);
  return cloudformationResources(doc);
}

const YAML_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Parameters:
  Versioning:
    Type: String
    Default: Suspended
  KeyArn:
    Type: String
Conditions:
  IsProd: !Equals [!Ref AWS::AccountId, "1"]
Resources:
  Logs:
    Type: AWS::S3::Bucket
    Condition: IsProd
    DependsOn: [Key, Role]
    Properties:
      BucketName: !Sub "\${AWS::StackName}-logs"
      VersioningConfiguration:
        Status: !Ref Versioning
      BucketEncryption:
        ServerSideEncryptionConfiguration:
          - ServerSideEncryptionByDefault:
              KMSMasterKeyID: !Ref KeyArn
  Handler:
    Type: AWS::Serverless::Function
    DependsOn: Logs
    Properties:
      Runtime: python3.12
  Topic:
    Type: AWS::SNS::Topic
`;

describe('cloudformationResources', () => {
  it('reads YAML with short tags', () => {
    const { resources, warnings } = fromYaml(YAML_TEMPLATE);
    assert.deepEqual(warnings, []);
    assert.deepEqual(
      resources.map((resource) => [resource.address, resource.type]),
      [
        ['Logs', 'AWS::S3::Bucket'],
        ['Handler', 'AWS::Serverless::Function'],
        ['Topic', 'AWS::SNS::Topic'],
      ],
    );
    const logs = resources[0]!;
    assert.equal(logs.format, 'cloudformation');
    assert.equal(logs.path, 'stack.yaml');
    assert.deepEqual(logs.span, span(12, 3, 23, 42));
  });

  it('resolves parameter defaults', () => {
    const logs = fromYaml(YAML_TEMPLATE).resources[0]!;
    const status = valueAt(logs.body, 'VersioningConfiguration', 'Status');
    assert.deepEqual(status, { kind: 'scalar', span: span(19, 17, 19, 32), value: 'Suspended' });
    const encryption = valueAt(logs.body, 'BucketEncryption', 'ServerSideEncryptionConfiguration');
    const rule = encryption?.kind === 'list' ? encryption.items[0] : undefined;
    const key = valueAt(rule!, 'ServerSideEncryptionByDefault', 'KMSMasterKeyID');
    assert.deepEqual(key, { kind: 'expression', span: span(23, 31, 23, 42), text: 'KeyArn', tag: '!Ref' });
    const name = valueAt(logs.body, 'BucketName');
    assert.equal(name?.kind, 'expression');
    assert.equal(name?.kind === 'expression' ? name.tag : undefined, '!Sub');
  });

  it('keeps attributes beside the body', () => {
    const [logs, handler, topic] = fromYaml(YAML_TEMPLATE).resources;
    assert.ok(isCloudFormationResource(logs!));
    const bucket = logs as CloudFormationResource;
    assert.equal(bucket.condition, 'IsProd');
    assert.deepEqual(bucket.dependsOn, ['Key', 'Role']);
    assert.equal(entryOf(bucket.body, 'Type'), undefined);
    assert.equal(valueAt(bucket.declaration, 'Type')?.kind, 'scalar');
    assert.deepEqual((handler as CloudFormationResource).dependsOn, ['Logs']);
    assert.equal((handler as CloudFormationResource).condition, undefined);
    assert.deepEqual(topic!.body, { kind: 'map', span: span(30, 5, 30, 26), entries: [] });
  });
});

const JSON_TEMPLATE = `{
  "Parameters": {
    "Public": {"Type": "String", "Default": "true"},
    "Size": {"Type": "Number", "Default": 20}
  },
  "Resources": {
    "Db": {
      "Type": "AWS::RDS::DBInstance",
      "Properties": {
        "PubliclyAccessible": {"Ref": "Public"},
        "AllocatedStorage": {"Ref": "Size"},
        "VPCSecurityGroups": [{"Fn::GetAtt": ["Group", "GroupId"]}],
        "MasterUserPassword": {"Ref": "Secret"},
        "Tags": [{"Key": "Condition", "Value": {"Condition": "IsProd"}}]
      }
    }
  }
}`;

describe('cloudformationResources on JSON', () => {
  it('rewrites long-form functions', () => {
    const { resources, warnings } = cloudformationResources(loadJsonDocument('db.json', JSON_TEMPLATE));
    assert.deepEqual(warnings, []);
    const db = resources[0]!;
    assert.equal(db.address, 'Db');
    assert.equal(db.type, 'AWS::RDS::DBInstance');
    assert.deepEqual(db.span, span(7, 5, 16, 6));
    const publicly = valueAt(db.body, 'PubliclyAccessible');
    assert.deepEqual(publicly, { kind: 'scalar', span: span(10, 31, 10, 48), value: 'true' });
    const size = valueAt(db.body, 'AllocatedStorage');
    assert.equal(size?.kind === 'scalar' ? size.value : undefined, 20);
    const groups = valueAt(db.body, 'VPCSecurityGroups');
    const group = groups?.kind === 'list' ? groups.items[0] : undefined;
    assert.deepEqual(group, { kind: 'expression', span: span(12, 31, 12, 67), text: '["Group", "GroupId"]', tag: '!GetAtt' });
    const password = valueAt(db.body, 'MasterUserPassword');
    assert.deepEqual(password, { kind: 'expression', span: span(13, 31, 13, 48), text: 'Secret', tag: '!Ref' });
  });

  it('tells Condition functions from keys', () => {
    const db = cloudformationResources(loadJsonDocument('db.json', JSON_TEMPLATE)).resources[0]!;
    const tags = valueAt(db.body, 'Tags');
    const tag = tags?.kind === 'list' ? tags.items[0] : undefined;
    assert.equal(valueAt(tag!, 'Key')?.kind, 'scalar');
    const value = valueAt(tag!, 'Value');
    assert.equal(value?.kind === 'expression' ? value.tag : undefined, '!Condition');
    const policy = '{"Resources": {"P": {"Type": "AWS::IAM::Policy", "Properties": {"S": {"Condition": {"Bool": {}}}}}}}';
    const statement = valueAt(cloudformationResources(loadJsonDocument('p.json', policy)).resources[0]!.body, 'S');
    assert.equal(statement?.kind, 'map');
  });

  it('warns on malformed resources', () => {
    const notMap = fromYaml('AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  - Type: AWS::S3::Bucket\n');
    assert.deepEqual(notMap.warnings, ['stack.yaml:3: Resources must be a map, found a list']);
    assert.deepEqual(notMap.resources, []);
    const text = [
      'Resources:',
      '  NoType:',
      '    Properties: {}',
      '  Scalar: AWS::S3::Bucket',
      '  Conditional:',
      '    Type: AWS::S3::Bucket',
      '    Properties: !If [IsProd, {}, {}]',
      '  Fine:',
      '    Type: AWS::SQS::Queue',
    ].join('\n');
    const { resources, warnings } = fromYaml(text);
    assert.deepEqual(warnings, [
      'stack.yaml:2: skipped resource NoType: it has no Type string',
      'stack.yaml:4: skipped resource Scalar: it has no Type string',
      'stack.yaml:7: skipped resource Conditional: Properties must be a map, found an expression',
    ]);
    assert.deepEqual(
      resources.map((resource) => resource.address),
      ['Fine'],
    );
    assert.deepEqual(fromYaml('- a\n').warnings, ['stack.yaml:1: expected a CloudFormation template map, found a list']);
  });
});
