package io.cryptopipe.transform;

import java.util.List;

/**
 * What a node-executing command ({@code run seed snapshot test build}) works on.
 *
 * @param select      dbt selectors (space- or list-separated union, comma intersection); empty selects all
 * @param exclude     selectors removed from the selection
 * @param fullRefresh rebuild incremental models and recreate seeds
 * @param threads     how many nodes may build at once, or null for the profile's {@code threads}
 */
public record BuildRequest(List<String> select, List<String> exclude, boolean fullRefresh, Integer threads) {
    public BuildRequest {
        select = select == null ? List.of() : List.copyOf(select);
        exclude = exclude == null ? List.of() : List.copyOf(exclude);
        if (threads != null && threads < 1) {
            throw new DbtConfigException("--threads must be at least 1, got " + threads);
        }
    }

    public static BuildRequest of(List<String> select) {
        return new BuildRequest(select, List.of(), false, null);
    }
}
