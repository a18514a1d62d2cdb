/**
 * The zh-CN catalog: every text a user reads, keyed by what it says.
 * Placeholders are `{name}`; see `translate` in ./translate.ts.
 */
export const zhCN = {
  // configuration, printed to whoever starts the process
  'config.invalid': '配置项 {name} 有误：{problem}。应为：{expected}',
  'config.missing': '缺少配置项 {name}。应为：{expected}',
  'config.expect.botToken': 'BotFather 给出的机器人令牌，形如 123456:ABC-DEF…',
  'config.expect.url': '以 http:// 或 https:// 开头的地址',
  'config.expect.path': 'SQLite 数据库文件路径，例如 data/duban.sqlite',
  'config.expect.chatId': 'Telegram 会话编号（整数，群组为负数），例如 -1001234567890',
  'config.expect.userIds': '以逗号分隔的 Telegram 用户编号，例如 11111,22222',
  'config.expect.timezone': 'IANA 时区名，例如 Asia/Shanghai',
  'config.expect.locale': 'zh-CN 或 en',
  'config.expect.cron': 'cron 表达式，例如 0 9 * * 1（每周一 9:00）',
  'config.expect.logLevel': 'fatal、error、warn、info、debug 或 trace',

  // the one table: problems found in a file, each with its line and column
  'table.where.lineColumn': '第 {line} 行「{column}」列：{problem}',
  'table.where.line': '第 {line} 行：{problem}',
  'table.where.file': '{problem}',
  'problem.file.unreadable': '无法读取文件：{reason}',
  'problem.file.extension': '不支持的文件类型“{extension}”；请使用 .csv 或 .xlsx',
  'problem.file.notUtf8': '文件不是 UTF-8 编码；请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”后再导入',
  'problem.file.csvSyntax': 'CSV 格式有误（{reason}），常见原因是引号未闭合',
  'problem.file.empty': '文件中没有表头行',
  'problem.file.noRows': '文件中没有任何事项',
  'problem.header.unknown': '无法识别的表头“{header}”；可用表头：{known}',
  'problem.header.duplicate': '表头“{header}”重复出现',
  'problem.header.missing': '缺少必填列“{header}”',
  'problem.cell.required': '必填，不能为空',
  'problem.cell.extra': '这一行比表头多出 {count} 个单元格',
  'problem.cell.tooLong': '内容过长（{length} 字），最多 {max} 字',
  'problem.date.format': '“{value}”不是可识别的日期；请写成 2025-06-30、2025/6/30 或 2025年6月30日',
  'problem.date.impossible': '日期“{value}”不存在',
  'problem.date.startAfterDue': '开始时间 {start} 晚于完成时限 {due}',
  'problem.milestone.format': '时间节点“{value}”应写成“日期 说明”，例如“2025-03-31 完成签约”',
  'problem.milestone.afterDue': '时间节点 {date} 晚于完成时限 {due}',
  'problem.location.format': '位置“{value}”应写成“纬度,经度”，例如 27.99,120.70',
  'problem.location.range': '位置“{value}”超出范围：纬度在 -90 到 90 之间，经度在 -180 到 180 之间',
  'problem.public.format': '“{value}”无法识别；请填写 是 或 否',
  'problem.code.duplicate': '编号“{code}”与第 {firstLine} 行重复',

  'import.rejected': '导入失败，数据库未作任何改动。请修正以下 {count} 个问题后重新导入：',
  'import.done':
    '导入完成：事项 新增 {tasksCreated}、更新 {tasksUpdated}、未变 {tasksUnchanged}；单位 新增 {unitsCreated}；人员 新增 {peopleCreated}。',
  'export.done': '已导出 {count} 项事项到 {file}',

  // the one table's headers and values as written by export
  'table.sheetName': '督办事项',
  'table.status.open': '进行中',
  'table.status.done': '已销号',
  'table.public.yes': '是',
  'table.public.no': '否',
  'table.milestoneSeparator': '；',
  'unit.leadership': '区领导班子',

  // roles
  'role.owner': '责任人',
  'role.leader': '分管领导',

  // command line
  'cli.usage':
    '用法：npm run cli -- <命令>\n' +
    '  migrate              升级数据库结构\n' +
    '  import 文件          导入“一张表”（.csv 或 .xlsx）\n' +
    '  export 文件          导出“一张表”（.csv 或 .xlsx，按扩展名）\n' +
    '  invites [--json]     列出每个人的邀请码和绑定链接',
  'cli.unknownCommand': '未知命令“{command}”。',
  'cli.missingFile': '命令 {command} 需要一个文件路径，例如：npm run cli -- {command} 一张表.xlsx',
  'cli.migrated': '数据库已是最新结构（{count} 个迁移已执行）',
  'cli.invites.linked': '已绑定',
  'cli.invites.noUsername': '（机器人启动一次后即可显示绑定链接）',
  'cli.invites.none': '还没有任何人员；请先导入“一张表”',
  'cli.failed': '出错了：{reason}',

  // bot
  'bot.greeting': '{name}（{unit}）您好！您的 Telegram 账号已绑定。',
  'bot.welcomeBack': '{name}（{unit}）您好！您的账号已绑定，无需再次绑定。',
  'bot.tasks.owner': '您负责的督办事项（{count} 项）：',
  'bot.tasks.leader': '您分管的督办事项（{count} 项）：',
  'bot.tasks.line': '{code} {title}（完成时限 {due}）',
  'bot.tasks.none': '目前没有分配给您的督办事项。',
  'bot.start.noCode': '欢迎使用督办助手。请发送督考办给您的邀请码完成绑定：/start 邀请码',
  'bot.start.unknownCode': '邀请码“{code}”无效。请核对后重新发送：/start 邀请码；如仍有问题请联系督考办。',
  'bot.start.spentCode': '该邀请码已被使用过，每个邀请码只能绑定一次。如需重新绑定，请联系督考办。',
  'bot.start.accountTaken':
    '您的 Telegram 账号已绑定为 {name}（{unit}），不能再绑定其他人员。如有错误请联系督考办。',
  'bot.unlinked':
    '您的 Telegram 账号尚未绑定。请向督考办索取邀请码，然后发送：/start 邀请码',
  'bot.whoami': '您是 {name}（{unit}），角色：{roles}。',
  'bot.help.common':
    '督办助手可用命令：\n' +
    '/start 邀请码 — 绑定您的账号\n' +
    '/tasks — 查看您的督办事项\n' +
    '/whoami — 查看绑定的身份\n' +
    '/help — 查看本帮助',
  'bot.help.unlinked': '您尚未绑定：请向督考办索取邀请码，然后发送 /start 邀请码。',
  'bot.notUnderstood': '没看懂这条消息。发送 /help 查看可用命令。',
  'bot.error': '抱歉，处理您的消息时出错了，请稍后再试。问题已记录。',
} as const;
