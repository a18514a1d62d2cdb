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
  'config.expect.rate': '1 到 1000 之间的整数（每秒发送的消息数）',
  'config.expect.webhookSecret': '16 到 256 个字母、数字、_ 或 -（Telegram 回调时在 X-Telegram-Bot-Api-Secret-Token 中带上）',
  'config.expect.port': '1 到 65535 之间的端口号',
  'config.expect.keep': '正整数（保留的备份份数）',
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
    '  invites [--json]     列出每个人的邀请码和绑定链接\n' +
    '  prompt               现在开启本周期并催报（同一事项每周只催一次）\n' +
    '  remind [--final]     现在催办未报送者；--final 同时上报分管领导\n' +
    '  digest               现在发送督查周报并关闭本周期',
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
  // the weekly prompt (催报), one message per task; HTML
  'prompt.heading': '📋 <b>本周进度报送</b> · {week}（{from} 至 {to}）',
  'prompt.task': '<b>{code}</b> {title}',
  'prompt.due': '完成时限：{due}（{when}）',
  'prompt.milestone': '近期节点：{date} {description}（{when}）',
  'prompt.last': '上次报送：{percent}%{note}',
  'prompt.howTo': '点选进度，或回复本条消息，例如：<code>60% 完成签约120户</code>',
  'button.same': '无变化',
  'button.blocked': '受阻',
  'when.today': '今天到期',
  'when.inDays': '{days} 天后到期',
  'when.daysAgo': '已逾期 {days} 天',

  // answers (进度报送) and their acknowledgements; HTML
  'answer.recorded': '✅ 已记录 <b>{code}</b> {title}：{progress}{late}',
  'answer.progress': '{percent}%',
  'answer.progressBlocked': '{percent}%（受阻）',
  'answer.late': '（迟报）',
  'answer.note': '说明：{text}',
  'answer.problems': '问题：{text}',
  'answer.nextSteps': '下一步：{text}',
  'answer.evidence': '佐证：{count} 个文件',
  'answer.askNote': '回复本条消息可补充说明、问题和下一步，也可发送照片或文件作为佐证。',
  'answer.correctable': '本周内可随时更正，以最后一次报送为准。',
  'answer.added': '✅ 已为 <b>{code}</b> 补充：{what}',
  'answer.error.range': '进度应在 0–100% 之间，您写的是 {value}，未记录。请重新发送，例如：<code>60% 完成签约120户</code>',
  'answer.error.missingPercent': '请写明进度百分比，未记录。例如：<code>60% 完成签约120户</code>',
  'answer.error.noEarlier': '<b>{code}</b> 还没有报送过进度，无法“无变化”，未记录。请点选或写明百分比。',
  'answer.error.notYours': '事项 {code} 不由您负责报送，未记录。您的事项：{codes}',
  'answer.error.unknownTask': '没有编号为“{code}”的事项，未记录。您的事项：{codes}',
  'answer.error.closed': '事项 {code} 已销号，无需再报送。',
  'answer.error.whichTask': '您负责多项事项，未记录。请直接回复对应事项的催报消息，或发送：<code>/report 编号 进度% 说明</code>。您的事项：{codes}',
  'answer.error.reportUsage': '用法：<code>/report 编号 进度% 说明</code>，例如：<code>/report ZX-01 60% 完成签约120户</code>',
  'answer.error.noCheckIn': '请先报送 <b>{code}</b> 的进度，再补充说明或佐证。',
  'answer.error.noTasks': '您目前没有需要报送的督办事项。',
  'answer.error.staleButton': '这个按钮已失效，请使用最新的催报消息。',

  // reminders (催办) and escalation (上报分管领导); HTML
  'remind.heading': '⏰ <b>催办</b>：以下督办事项本周（{week}）尚未报送：',
  'remind.task': '• <b>{code}</b> {title}',
  'remind.howTo': '请回复对应的催报消息，或发送：<code>/report 编号 进度% 说明</code>',
  'escalate.heading': '📣 <b>未报送情况</b>：您分管的以下事项本周（{week}）尚未报送：',
  'escalate.task': '• <b>{code}</b> {title} — {unit} · {owner}{unlinked}',
  'escalate.unlinked': '（尚未绑定账号）',
  'escalate.unreachable': '（无法送达：已屏蔽机器人或停用账号）',

  // the weekly digest (督查周报); HTML
  'digest.heading': '📊 <b>督查周报</b> · {week}（{from} 至 {to}）',
  'digest.rate': '报送率：<b>{reported}/{total} · {percent}%</b>',
  'digest.counts': '🔴 {red}　🟡 {yellow}　🟢 {green}　✅ {done}',
  'digest.attention': '<b>需关注（{count}）</b>',
  'digest.noAttention': '本周没有需关注的事项。',
  'digest.entry': '{light} <b>{code}</b> {title}\n　{unit} · {owner} · {progress}\n　{reasons}',
  'digest.entryNote': '　“{note}”',
  'digest.neverReported': '尚未报送',
  'digest.units': '<b>各单位（按报送率、正常率、平均进度排序）</b>',
  'digest.unit': '{rank}. {unit}：报送 {reported}/{tasks} · 正常 {onTrack}/{tasks} · 平均进度 {average}%',
  'digest.silent': '<b>未报送（{count} 人）</b>',
  'digest.silentPerson': '{owner}（{unit}）：{codes}{unlinked}',
  'digest.allReported': '全部按时报送 👍',
  'digest.continued': '（续）',
  'reason.closedOut': '已销号',
  'reason.overdue': '已超期 {days} 天',
  'reason.milestoneOverdue': '节点 {date} {description} 已逾期 {days} 天',
  'reason.silentThisWeek': '本周未报送',
  'reason.silentWeeks': '连续 {cycles} 周未报送',
  'reason.blocked': '报告受阻',
  'reason.behind': '报送 {reported}%，按期应达 {expected}%',
  'reason.milestoneSoon': '节点 {date} {description} {days} 天后到期',
  'reason.milestoneToday': '节点 {date} {description} 今天到期',
  'reason.behindNeverReported': '按期应达 {expected}%，尚无进度报送',
  'reason.separator': '；',

  // the cycle's steps, run from the command line
  'cli.prompted': '{week}：已排队 {count} 条催报消息（另有 {skipped} 项本周已催报过，不再重复）。机器人运行时数秒内送达。',
  'cli.reminded': '{week}：已排队 {count} 条催办消息。',
  'cli.escalated': '{week}：已向 {count} 位分管领导上报未报送情况。',
  'cli.digested': '{week}：督查周报已排队（{parts} 条消息），本周期已关闭；此后的报送记为迟报。',
  'cli.noOpenCycle': '没有进行中的报送周期；请先运行 prompt。',
  'cli.noLeadershipChat': '未设置 LEADERSHIP_CHAT_ID，周报无法发往领导群；请在 .env 中设置领导群的会话编号。',
  // npm run demo: the narration around the conversation
  'demo.title': 'duban 演示：压缩的一个报送周。机器人连接本地 Bot API 模拟器（telegram-test-api），无需令牌、无需联网。',
  'demo.table': '已导入示例“一张表”：{tasks} 项事项、{people} 人（含分管领导）。',
  'demo.step.link': '【周一 {day} 08:30】责任人和分管领导用督考办发的邀请码绑定账号',
  'demo.step.prompt': '【周一 09:00】报送周期开启：机器人逐项催报',
  'demo.step.answers': '【周一至周三】责任人在手机上报送：点按钮、回复一句话、/report、发照片；一人写错了进度',
  'demo.step.remind': '【周三 09:00】催办：只发给尚未报送的人',
  'demo.step.final': '【周五 09:00】最后一次催办，同时上报分管领导',
  'demo.step.digest': '【周五 17:00】督查周报发往领导群，本周期关闭',
  'demo.step.late': '【周六 10:00】周期关闭后的报送记为迟报',
  'demo.silent': '（{name} 整周没有回复）',
  'demo.group': '👥 领导群',
  'demo.done': '演示结束，用时 {seconds} 秒。演示数据库在 {path}，可用 DATABASE_URL={path} npm run cli -- export 演示.xlsx 导出查看。',
} as const;
