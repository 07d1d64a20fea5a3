/**
 * The generic assignment instance and results: subjects (S&T projects) assigned to targets
 * with a capacity (investors with a number of new deals) over the eligible pairs.
 *
 * @module
 */

/** A target with its capacity (how many subjects it can take). */
export interface AssignmentTarget {
  id: string;
  /** Non-negative integer. 0 means the target takes nobody. */
  capacity: number;
}

/**
 * An eligible subject–target pair. A pair that is absent is ineligible: neither side would
 * accept it.
 */
export interface AssignmentPair {
  subjectId: string;
  targetId: string;
  /** How much the subject likes the target (the project's side); orders the subject's list. */
  subjectScore: number;
  /** How much the target likes the subject (the investor's side); orders the target's list. */
  targetScore: number;
  /** The pair's combined score, maximised in total by `optimalAssignment`. */
  score: number;
}

/** A generic assignment problem. Ids are unique per side; every score is finite. */
export interface AssignmentInstance {
  subjects: readonly string[];
  targets: readonly AssignmentTarget[];
  pairs: readonly AssignmentPair[];
}

/** One subject assigned to one target. */
export interface Assignment {
  subjectId: string;
  targetId: string;
  /** The pair's combined `score`. */
  score: number;
}

/** Preference lists, best first (ties broken by id). */
export interface PreferenceLists {
  /** Each subject's acceptable targets in its order of preference (by `subjectScore`). */
  subjects: Record<string, string[]>;
  /** Each target's acceptable subjects in its order of preference (by `targetScore`). */
  targets: Record<string, string[]>;
}

/** What `stableAssignment` and `optimalAssignment` return. */
export interface AssignmentResult {
  /** Sorted by subject id. */
  assignments: Assignment[];
  /** Subjects left without a target, sorted by id. */
  unassigned: string[];
  /** Sum of the assigned pairs' `score`. */
  totalScore: number;
  /** The preference lists used, unless `includePreferences: false`. */
  preferences?: PreferenceLists;
}

/** Options of the assignment algorithms. */
export interface AssignmentOptions {
  /**
   * Return the preference lists (`preferences`). Default `true`; turn off for very large
   * instances where building 2·|pairs| list entries is not wanted.
   */
  includePreferences?: boolean;
}

/** A pair that blocks an assignment: both would rather be together than where they are. */
export interface BlockingPair {
  subjectId: string;
  targetId: string;
}
