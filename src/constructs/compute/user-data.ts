import { Fn } from 'cdktf';
import { DATABASE_NAME } from '../data/aurora-cluster';
import { POSTGRES_PORT } from '../network/security-groups';

/**
 * cloud-init for the application instances: a small web service (`/health` -> 200, `/` -> the
 * environment and region as JSON) run by systemd as a system user, and the CloudWatch agent
 * shipping its access log. `/etc/platform/database.env` and `db-token` give the application what
 * it needs to connect to the region's database with IAM authentication.
 */

export interface UserDataProps {
  readonly environment: string;
  readonly region: string;
  readonly appPort: number;
  /** Log group the agent ships the application's and cloud-init's logs to. */
  readonly logGroupName: string;
  readonly database: ApplicationDatabase;
}

/** The region's database as the application reaches it. */
export interface ApplicationDatabase {
  /** The endpoint to connect to (writer, or reader with write forwarding on a secondary). */
  readonly host: string;
  /** The application's database user (IAM authentication). */
  readonly user: string;
  /** The rds-db:connect resource the instance role is granted. */
  readonly connectArn: string;
}

/**
 * Prints an IAM authentication token for the application user: the password of a connection made
 * within 15 minutes, over TLS verified against the RDS CA bundle (Aurora User Guide, "Connecting
 * to your DB cluster using IAM authentication from the command line: AWS CLI and psql client").
 */
const DB_TOKEN_SH = `#!/bin/sh
set -eu
. /etc/platform/database.env
exec aws rds generate-db-auth-token --hostname "$DB_HOST" --port "$DB_PORT" --region "$DB_REGION" --username "$DB_USER"
`;

const SERVER_PY = `import json
import logging
import os
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

IDENTITY = json.dumps({"environment": os.environ["APP_ENVIRONMENT"], "region": os.environ["APP_REGION"]}).encode()
logging.basicConfig(filename="/var/log/app/access.log", level=logging.INFO, format="%(asctime)s %(message)s")


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/health":
            self._reply(200, b"ok", "text/plain")
        elif self.path == "/":
            self._reply(200, IDENTITY, "application/json")
        else:
            self._reply(404, b"not found", "text/plain")

    def _reply(self, status, body, content_type):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, fmt, *args):
        logging.info("%s %s", self.address_string(), fmt % args)


ThreadingHTTPServer(("0.0.0.0", int(os.environ["APP_PORT"])), Handler).serve_forever()
`;

/** The RDS CA bundle of all regions (Aurora User Guide, "Using SSL/TLS to encrypt a connection to a DB cluster"). */
export const RDS_CA_BUNDLE_URL = 'https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem';
const RDS_CA_BUNDLE_PATH = '/etc/platform/rds-ca-bundle.pem';

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
}

/**
 * The launch template's user_data: the document base64-encoded by Terraform, since it holds the
 * database endpoint, known after apply. The text around the endpoint is passed raw (it has quotes
 * and `$`), the endpoint as a reference.
 */
export function userDataExpression(props: UserDataProps): string {
  const marker = '\u0000DB_HOST\u0000';
  const [before, after] = renderUserData({ ...props, database: { ...props.database, host: marker } }).split(marker) as [string, string];
  return Fn.base64encode(Fn.join('', [Fn.rawString(before), props.database.host, Fn.rawString(after)]));
}

/** The cloud-config document, as text. */
export function renderUserData(props: UserDataProps): string {
  const unit = [
    '[Unit]',
    'Description=Platform application',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    `Environment=APP_ENVIRONMENT=${props.environment} APP_REGION=${props.region} APP_PORT=${props.appPort}`,
    'ExecStart=/usr/bin/python3 /opt/app/server.py',
    'User=platform-app',
    'Group=platform-app',
    // /var/log/app readable by the CloudWatch agent (cwagent); a DynamicUser's logs would not be.
    'LogsDirectory=app',
    'LogsDirectoryMode=0755',
    'Restart=always',
    'NoNewPrivileges=yes',
    'ProtectSystem=strict',
    '',
    '[Install]',
    'WantedBy=multi-user.target',
    '',
  ].join('\n');
  const agent = JSON.stringify(
    {
      agent: { run_as_user: 'cwagent' },
      logs: {
        logs_collected: {
          files: {
            collect_list: [
              { file_path: '/var/log/app/access.log', log_group_name: props.logGroupName, log_stream_name: '{instance_id}/access' },
            ],
          },
        },
      },
    },
    null,
    2,
  );
  return [
    '#cloud-config',
    'users:',
    '  - default',
    '  - name: platform-app',
    '    system: true',
    '    shell: /sbin/nologin',
    '    no_create_home: true',
    'packages:',
    '  - python3',
    '  - amazon-cloudwatch-agent',
    '  - awscli',
    'write_files:',
    '  - path: /opt/app/server.py',
    "    permissions: '0755'",
    '    content: |',
    indent(SERVER_PY, 6),
    '  - path: /etc/systemd/system/platform-app.service',
    '    content: |',
    indent(unit, 6),
    // What the application needs to connect: host, port, database, user and region; the password
    // is a token from db-token (IAM authentication), over TLS with the RDS CA bundle.
    '  - path: /etc/platform/database.env',
    "    permissions: '0644'",
    '    content: |',
    indent(
      [
        `DB_HOST=${props.database.host}`,
        `DB_PORT=${POSTGRES_PORT}`,
        `DB_NAME=${DATABASE_NAME}`,
        `DB_USER=${props.database.user}`,
        `DB_REGION=${props.region}`,
        'DB_SSLMODE=verify-full',
        `DB_SSLROOTCERT=${RDS_CA_BUNDLE_PATH}`,
        '',
      ].join('\n'),
      6,
    ),
    '  - path: /usr/local/bin/db-token',
    "    permissions: '0755'",
    '    content: |',
    indent(DB_TOKEN_SH, 6),
    '  - path: /opt/aws/amazon-cloudwatch-agent/etc/platform.json',
    '    content: |',
    indent(agent, 6),
    'runcmd:',
    `  - [curl, --fail, --silent, --show-error, --output, ${RDS_CA_BUNDLE_PATH}, ${RDS_CA_BUNDLE_URL}]`,
    '  - [systemctl, daemon-reload]',
    '  - [systemctl, enable, --now, platform-app.service]',
    '  - [/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl, -a, fetch-config, -m, ec2, -s, -c, "file:/opt/aws/amazon-cloudwatch-agent/etc/platform.json"]',
    '',
  ].join('\n');
}
