/** The usage text of `--help`; the README's "Usage" section holds the same text (a test checks). */
export const HELP = `notion-tokens — see and manage the credentials of Notion's CLI (ntn)

Usage
  notion-tokens                      open the terminal UI (prints status when not on a terminal)
  notion-tokens status [--json]      environment, config dir, token store, default, overrides, problems
  notion-tokens workspaces [--json] [--all-envs]
                                     cached workspaces, sorted as ntn's picker sorts them
  notion-tokens use <id|name>        make a workspace the default of the environment (as ntn's picker does)
  notion-tokens use -                switch back to the previous default
  notion-tokens logout <id|name> [--yes]
                                     forget one workspace: its token, cache entry and default
  notion-tokens logout --all [--all-envs] [--yes]
                                     ntn logout: every workspace of the environment (or of all)
  notion-tokens tokens [--json] [--all-envs]
                                     every token known, masked, with storage, dates and status
  notion-tokens check [<id|name>] [--json]
                                     ask Notion whether the tokens work (and who they act as)
  notion-tokens expiring [--within 30d] [--json]
                                     tokens expired or expiring soon; exit 1 when there are any
  notion-tokens revoke <token-id> [--yes]
                                     revoke a token at Notion
  notion-tokens expiry-window [<days>]
                                     show or save the expiry warning window (default 30d; e.g. 14d, 2w)
  notion-tokens fix-permissions      make auth.json readable by you alone
  notion-tokens admin pats <workspace> [--status active,expired,revoked] [--creator <id|email|name>]
                 [--search <text>] [--within <window>] [--unused <days>] [--json | --csv]
                                     every PAT of a workspace, from Notion's Admin API (organization
                                     owners; NOTION_ADMIN_TOKEN); --within exits 1 when any match
  notion-tokens admin revoke <workspace> <pat-id>… [--yes]
                                     revoke PATs of a workspace through the Admin API

Saved tokens (PATs and internal-connection tokens; the token is read from a hidden prompt or stdin)
  notion-tokens add <label> [--expires <YYYY-MM-DD> | --lifetime <7d|30d|90d|180d|1y> [--created <YYYY-MM-DD>]]
                    [--note <text>] [--offline] [--admin]
                                     check a token with Notion (users/me) and save it under a label
  notion-tokens edit <label> [--expires …|--lifetime … [--created …]] [--note <text>] [--rename <new>]
                                     change a saved token's expiry, note or label
  notion-tokens remove <label> [--yes]
                                     forget a saved token (revoke it in the Developer portal too)
  notion-tokens rotate <label> [--force]
                                     replace a saved token with a new one acting as the same person or bot
  notion-tokens exec <label> [--allow-expired] -- <command> [args…]
                                     run a command with NOTION_API_TOKEN set to the saved token

Options
  --env <local|dev|stg|prod>         environment (default: NOTION_ENV, else prod)
  --json                             machine-readable output
  --csv                              CSV output (admin pats)
  --yes, -y                          confirm a destructive command without asking
  --demo                             open the UI on a throw-away demo config
  --help, -h                         show this help
  --version, -v                      show the version

Exit codes
  0  success, nothing needs attention
  1  attention: problems found, tokens expiring or invalid, or a prompt was declined
  2  usage error: unknown command or flag, bad value, --yes needed off a terminal
  3  failure: unreadable file, keychain unavailable, unknown workspace, Notion unreachable
  130 interrupted (Ctrl+C)
  exec ends with the command's own exit code (128+N when a signal N ended it); 127 when the
  command is not found, 126 when it cannot be run
`;
