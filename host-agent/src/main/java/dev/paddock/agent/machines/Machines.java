package dev.paddock.agent.machines;

import dev.paddock.agent.AgentProperties;
import dev.paddock.agent.parallels.ParallelsDesktop;
import dev.paddock.agent.parallels.Vm;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import tools.jackson.databind.node.ObjectNode;

/** The host's VMs and what can be done to them: the reference host API's behaviour. */
@Service
public class Machines {

    /** Power operations of {@code PUT /machines/{id}/<operation>}, with the state each leads to. */
    public static final Map<String, String> POWER_OPERATIONS = Map.of(
            "start", "running",
            "stop", "stopped",
            "restart", "running",
            "suspend", "suspended",
            "resume", "running",
            "pause", "paused",
            "reset", "running");

    private final ParallelsDesktop parallels;
    private final String hostname;

    Machines(ParallelsDesktop parallels, AgentProperties properties) {
        this.parallels = parallels;
        this.hostname = properties.hostname() != null ? properties.hostname() : localHostname();
    }

    public List<Vm> list() {
        return parallels.listAll();
    }

    public Vm get(String idOrName) {
        String wanted = Vm.stripBraces(idOrName);
        return list().stream()
                .filter(vm -> vm.id().equalsIgnoreCase(wanted))
                .findFirst()
                .or(() ->
                        list().stream().filter(vm -> vm.name().equals(idOrName)).findFirst())
                .orElseThrow(() -> new MachineNotFound(idOrName));
    }

    /** Runs a power operation; PD's refusal of an illegal transition surfaces as a 409 with PD's message. */
    public Vm power(String idOrName, String operation) {
        String normalized = operation.toLowerCase(Locale.ROOT);
        if (!POWER_OPERATIONS.containsKey(normalized)) {
            throw new MachineNotFound(idOrName);
        }
        Vm vm = get(idOrName);
        parallels.vmCommand(vm, normalized, List.of());
        return get(vm.id());
    }

    /** PD's object as the reference API returns it, plus the host fields it adds. */
    public ObjectNode toApi(Vm vm) {
        ObjectNode api = vm.raw().deepCopy();
        api.put("ID", vm.id());
        api.put("user", vm.owner());
        api.put("host", hostname);
        api.put("internal_ip_address", vm.ip() == null ? "" : vm.ip());
        return api;
    }

    public String hostname() {
        return hostname;
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
