-- The required-change deadline: a reminder before it and a finding when it passes, each once.
alter table review.reviews
    add column changes_reminded_at timestamptz,
    add column changes_overdue_at  timestamptz;
