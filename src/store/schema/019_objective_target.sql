-- SPDX-License-Identifier: MIT
-- Objectives that measure themselves (docs/meetings.md): a target the
-- meeting pack evaluates from the records at the meeting's date.
-- '' (free text, marked by hand), 'members +3' / 'members 70',
-- 'contacts +10' / 'contacts 120', 'milestone 3:2' (initiative 3's
-- milestone 2 done).  The canonical text of model/objective_target.h.
ALTER TABLE objective ADD COLUMN target TEXT NOT NULL DEFAULT '';
