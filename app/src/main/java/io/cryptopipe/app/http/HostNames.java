package io.cryptopipe.app.http;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The names a request's {@code Host} header may carry: the bound address, {@code localhost}, a loopback address, a
 * name the user allowed with {@code --allowed-host}, and, when bound to every interface, this machine's own
 * addresses. Anything else is a page that reached us through a name it controls (DNS rebinding).
 */
public final class HostNames {
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> names = new HashSet<>();
    private final Set<InetAddress> addresses = new HashSet<>();

    /** @param bindHost what the server binds to, as the user gave it */
    public HostNames(String bindHost, List<String> allowedHosts) {
        names.add("localhost");
        names.add(bindHost.toLowerCase(Locale.ROOT));
        allowedHosts.forEach(name -> names.add(name.toLowerCase(Locale.ROOT)));
        literal(bindHost).ifPresent(bound -> {
            addresses.add(bound);
            if (bound.isAnyLocalAddress()) {
                addresses.addAll(interfaceAddresses());
            }
        });
    }

    /** @param host the host part of a {@code Host} header (IPv6 without brackets) */
    public boolean allows(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (names.contains(name)) {
            return true;
        }
        return literal(name).map(address -> address.isLoopbackAddress() || addresses.contains(address)).orElse(false);
    }

    /** An IP literal as an address, without a DNS lookup; empty for a name. */
    private static Optional<InetAddress> literal(String host) {
        if (!IPV4.matcher(host).matches() && !host.contains(":")) {
            return Optional.empty();
        }
        try {
            // A literal never reaches DNS: getByName only parses it.
            return Optional.of(InetAddress.getByName(host.startsWith("[") ? host : host.contains(":") ? "[" + host + "]" : host));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static Set<InetAddress> interfaceAddresses() {
        Set<InetAddress> local = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                local.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // Without the list, the machine's addresses need --allowed-host like any name.
        }
        return local;
    }
}
