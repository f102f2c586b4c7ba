package dev.paddock.agent.machines;

import dev.paddock.agent.jobs.Job.StepSpec;
import dev.paddock.agent.jobs.Jobs;
import dev.paddock.agent.jobs.Progress;
import dev.paddock.contracts.machine.CreateMachine;
import java.util.List;

/**
 * Creates VMs from golden images in the catalog (the reference's {@code catalog_manifest}). Declared here and
 * implemented by the catalog feature, so creation does not depend on how images travel.
 */
public interface CatalogImages {

    /** The steps a creation from the catalog reports. */
    List<StepSpec> steps();

    /** Checks the request before any job starts; a bad request fails with 4xx and nothing happens. */
    void validate(CreateMachine request);

    /** Pulls the image, registers it under the request's name and starts it if asked; nothing is left on failure. */
    Jobs.Outcome create(CreateMachine request, Progress progress) throws Exception;
}
