package dev.paddock.orchestrator.scheduling;

/**
 * One preference among the hosts that passed every filter. Scores are compared in the order of the scorers in
 * {@link Placement}: lower goes first, and a tie is settled by the next scorer (the host's name last).
 */
interface PlacementScorer {

    long score(Candidate candidate);
}
