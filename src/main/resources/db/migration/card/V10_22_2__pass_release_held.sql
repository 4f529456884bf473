-- Issue 13 item 1: a period pass earns nothing inside its cooling-off window (a pass with no visit recorded is
-- unredeemed, so a return inside the window gets everything paid back); the daily release skips it through this date
-- and earns the window's days at its first run after it. Null: no window (other kinds, or no cooling-off).
alter table card.card add column release_held_until date;
