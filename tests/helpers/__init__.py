"""What tests of every folder share: the command run in process, store copies, record builders, file readers."""
