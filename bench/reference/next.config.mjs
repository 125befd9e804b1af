// Nothing set: the framework's defaults are the reference.
export default {};
