-- A notice is stored as a message key and its (language-neutral) arguments, rendered in the reader's language when
-- read (ADR 11). subject and body keep the zh-CN rendering: what delivery channels send, and the fallback should a key
-- leave the bundle. Messages sent before this migration have no key and show their stored text.
alter table notification.message
    add column message_key text,
    add column arguments   text[] not null default '{}';
