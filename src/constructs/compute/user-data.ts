/**
 * cloud-init for the application instances: a small web service (`/health` -> 200, `/` -> the
 * environment and region as JSON) run by systemd as a system user, and the CloudWatch agent
 * shipping its access log.
 */

export interface UserDataProps {
  readonly environment: string;
  readonly region: string;
  readonly appPort: number;
  /** Log group the agent ships the application's and cloud-init's logs to. */
  readonly logGroupName: string;
}

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

function indent(text: string, spaces: number): string {
  const pad = ' '.repeat(spaces);
  return text
    .split('\n')
    .map((line) => (line ? pad + line : line))
    .join('\n');
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
    'write_files:',
    '  - path: /opt/app/server.py',
    "    permissions: '0755'",
    '    content: |',
    indent(SERVER_PY, 6),
    '  - path: /etc/systemd/system/platform-app.service',
    '    content: |',
    indent(unit, 6),
    '  - path: /opt/aws/amazon-cloudwatch-agent/etc/platform.json',
    '    content: |',
    indent(agent, 6),
    'runcmd:',
    '  - [systemctl, daemon-reload]',
    '  - [systemctl, enable, --now, platform-app.service]',
    '  - [/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl, -a, fetch-config, -m, ec2, -s, -c, "file:/opt/aws/amazon-cloudwatch-agent/etc/platform.json"]',
    '',
  ].join('\n');
}
