-- Texts the platform writes in a case's timeline and messages are stored as message keys of i18n/complaint.properties
-- with language-neutral arguments (dates, numbers, references), so each reader sees them in their language; a note
-- a person typed stays in note/body as written.
alter table complaint.stage_change add column note_key text, add column note_args text[] not null default '{}';
alter table complaint.message add column body_key text, add column body_args text[] not null default '{}';

-- Rows written before: the remedy code and the English notes become keys.
update complaint.stage_change set note_key = 'complaint.timeline.note.agreed.' || note, note = null
 where note in ('REFUND', 'RESUME_SERVICE', 'COMPENSATION');
update complaint.stage_change set note_key = 'complaint.timeline.note.confirmed', note = null
 where note = 'confirmed by the consumer';
update complaint.stage_change set note_key = 'complaint.timeline.note.recounted', note = null
 where note = 'calendar changed';
update complaint.stage_change
   set note_key = 'complaint.timeline.note.deadline.' || split_part(note, ' ', 1),
       note_args = array[split_part(note, ' ', 3)], note = null
 where note ~ '^(NEGOTIATION|PLATFORM_MEDIATION|ACCEPTANCE|MEDIATION|PERFORMANCE) deadline \d{4}-\d{2}-\d{2}$';
update complaint.stage_change set note_key = 'complaint.timeline.note.refundPaid', note = null
 where note ~ '^refund [0-9a-f-]{36} paid$';
update complaint.stage_change set note_key = 'complaint.timeline.note.compensationPaid',
       note_args = array[substr(note, length('compensation paid, ') + 1)], note = null
 where note like 'compensation paid, %';
update complaint.stage_change set note_key = 'complaint.timeline.note.imported', note_args = array[substr(note, 7)],
       note = null
 where note like '12315 %' and party = 'PLATFORM' and from_stage is null;
update complaint.message
   set body_key = 'complaint.message.imported',
       body_args = array[substring(body from '编号 ([A-Za-z0-9-]+)'), substring(body from '受理日期 (\d{4}-\d{2}-\d{2})')],
       body = substring(body from '编号 ([A-Za-z0-9-]+)')
 where body like '由全国12315平台转办%' and body ~ '编号 [A-Za-z0-9-]+，受理日期 \d{4}-\d{2}-\d{2}';
