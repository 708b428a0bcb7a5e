-- New events are announced on channel keyward_events by the process that committed them, after the commit and
-- shared by the commits of a moment (EventStoreNotifications), no longer by a trigger inside every transaction:
-- NOTIFY at commit cost PostgreSQL about a third of its commit throughput and serialized the committing transactions
-- on its notification queue lock.
DROP TRIGGER domainevententry_notify ON domainevententry;
DROP FUNCTION keyward_notify_events();
